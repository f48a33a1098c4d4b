import { createRoute, z } from '@hono/zod-openapi';
import { listSuspects } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

export const suspectQuery = z.object({
  minScore: z.string().optional(), ringId: z.string().max(64).optional(), inRing: z.enum(['true', 'false']).optional(), segment: z.string().max(64).optional(),
  page: z.string().optional(), pageSize: z.string().optional(), unmask: z.enum(['true', 'false']).optional(),
});

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/suspects', tags: ['investigation'],
  summary: '中介嫌疑人 Current intermediary suspects, best first, with reasons (INVESTIGATOR)',
  description: `筛选: minScore, ringId, inRing, segment (INDIVIDUAL / CLERK:DEALER …)。 ${MASKING_NOTE}`,
  request: { query: suspectQuery },
  responses: { 200: { description: 'one page of suspects' }, 400: PROBLEM, 403: PROBLEM },
});

export function registerGetInvestigationSuspects(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/suspects', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const { unmask: _unmask, ...filters } = c.req.valid('query');
    const result = await listSuspects(ctx.db, viewer, filters);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ ...result.value, masked: !viewer.unmask }, 200);
  });
}
