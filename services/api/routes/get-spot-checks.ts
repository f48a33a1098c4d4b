import { createRoute, z } from '@hono/zod-openapi';
import { getDraw, listDraws, verifyDraw } from '../../review/spot-checks/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { SPOT_CHECK_ID, SPOT_CHECK_READERS } from './spot-check-access.ts';

const list = createRoute({
  method: 'get', path: '/api/v1/spot-checks', tags: ['spot checks'], summary: '抽查批次 Recent draws with progress',
  responses: { 200: { description: 'draws, newest first' } },
});
const one = createRoute({
  method: 'get', path: '/api/v1/spot-checks/{id}', tags: ['spot checks'], summary: '抽查批次详情 One draw with its items',
  request: { params: z.object({ id: z.string().regex(SPOT_CHECK_ID) }) },
  responses: { 200: { description: 'the draw' }, 404: { description: 'problem+json' } },
});
const verify = createRoute({
  method: 'get', path: '/api/v1/spot-checks/{id}/verify', tags: ['spot checks'], summary: '复核抽查 Redraw with the recorded seed and compare',
  request: { params: z.object({ id: z.string().regex(SPOT_CHECK_ID) }) },
  responses: { 200: { description: 'whether the recorded seed reproduces the items' }, 404: { description: 'problem+json' } },
});

/** GET /api/v1/spot-checks, /{id} and /{id}/verify. */
export function registerGetSpotChecks(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/spot-checks', SPOT_CHECK_READERS);
  guard(app, 'GET', '/api/v1/spot-checks/:id', SPOT_CHECK_READERS);
  guard(app, 'GET', '/api/v1/spot-checks/:id/verify', SPOT_CHECK_READERS);
  app.openapi(list, async (c) => c.json({ items: await listDraws(ctx.db) }, 200));
  app.openapi(one, async (c) => {
    const result = await getDraw(ctx.db, BigInt(c.req.valid('param').id));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as unknown as Record<string, unknown>, 200);
  });
  app.openapi(verify, async (c) => {
    const result = await verifyDraw(ctx.db, BigInt(c.req.valid('param').id));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as unknown as Record<string, unknown>, 200);
  });
}
