import { createRoute } from '@hono/zod-openapi';
import { listRings } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, NOT_A_USER, PROBLEM, unmaskQuery, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/rings', tags: ['investigation'],
  summary: '中介团伙 The current rings, highest score first (INVESTIGATOR)',
  request: { query: unmaskQuery },
  responses: { 200: { description: 'rings' }, 403: PROBLEM },
});

export function registerGetInvestigationRings(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/rings', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const result = await listRings(ctx.db, viewer);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ items: result.value }, 200);
  });
}
