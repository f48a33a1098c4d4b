import { createRoute, z } from '@hono/zod-openapi';
import { listRuns } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PROBLEM, RECOMPUTE_ACCESS } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/runs', tags: ['investigation'],
  summary: '检测运行记录 Recent detection runs, newest first (ADMIN, INVESTIGATOR)',
  request: { query: z.object({ kind: z.enum(['FULL', 'INCREMENTAL']).default('FULL'), limit: z.coerce.number().int().min(1).max(200).default(20) }) },
  responses: { 200: { description: 'runs' }, 400: PROBLEM, 403: PROBLEM },
});

export function registerGetInvestigationRuns(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/runs', RECOMPUTE_ACCESS);
  app.openapi(route, async (c) => {
    const { kind, limit } = c.req.valid('query');
    return c.json({ items: await listRuns(ctx.db, kind, limit) }, 200);
  });
}
