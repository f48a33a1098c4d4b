import { createRoute } from '@hono/zod-openapi';
import { requestRecompute } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { NOT_A_USER, PROBLEM, RECOMPUTE_ACCESS, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'post', path: '/api/v1/investigation/recompute', tags: ['investigation'],
  summary: '重新计算中介检测 Queue a full intermediary recompute now (ADMIN, INVESTIGATOR; audited). A worker runs it; GET /runs shows it',
  responses: { 202: { description: 'queued (or one already waiting)' }, 403: PROBLEM },
});

export function registerPostInvestigationRecompute(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'POST', '/api/v1/investigation/recompute', RECOMPUTE_ACCESS);
  app.openAPIRegistry.registerPath(route);
  app.post('/api/v1/investigation/recompute', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const result = await requestRecompute(ctx.db, ctx.queue, viewer.actor);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 202);
  });
}
