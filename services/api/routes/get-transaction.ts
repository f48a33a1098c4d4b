import { createRoute, z } from '@hono/zod-openapi';
import { getTransaction } from '../../ingest/queries.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/transactions/{id}', tags: ['ingest'], summary: '查看业务流水及其版本历史 A transaction with its revision history',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: 'current version and every version received',
      content: { 'application/json': { schema: z.object({
        transaction: z.record(z.string(), z.unknown()),
        revisions: z.array(z.object({ version: z.number(), status: z.string(), receivedAt: z.string(), payloadSha256: z.string(), payload: z.record(z.string(), z.unknown()) })),
      }) } },
    },
    404: { description: 'problem+json: unknown id' },
  },
});

export function registerGetTransaction(app: ApiApp, { ctx }: ApiDeps): void {
  app.openapi(route, async (c) => {
    const found = await getTransaction(ctx.db, c.req.valid('param').id);
    if (!found.ok) return problemResponse(c, found.error);
    return c.json(found.value, 200);
  });
}
