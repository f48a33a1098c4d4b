import { createRoute, z } from '@hono/zod-openapi';
import { getRing } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, unmaskQuery, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/rings/{ringId}', tags: ['investigation'],
  summary: '团伙详情与关系网络 A ring: members, shared identifiers, favoured handlers, timeline, and its network as nodes and edges (INVESTIGATOR)',
  description: `network.nodes: kind person / phone / address / booker / handler; network.edges: kind, weight, transactions, firstSeen, lastSeen。 ${MASKING_NOTE}`,
  request: { params: z.object({ ringId: z.string().min(1).max(64) }), query: unmaskQuery },
  responses: { 200: { description: 'the ring and its network' }, 403: PROBLEM, 404: PROBLEM },
});

export function registerGetInvestigationRing(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/rings/:ringId', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const result = await getRing(ctx.db, viewer, c.req.valid('param').ringId);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ ...result.value, masked: !viewer.unmask }, 200);
  });
}
