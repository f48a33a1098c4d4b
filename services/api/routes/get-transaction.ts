import { createRoute, z } from '@hono/zod-openapi';
import { maskPersonalData } from '../../auth/masking.ts';
import { getTransaction } from '../../ingest/queries.ts';
import { guard, READ_ACCESS } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import { unmaskRequested } from '../unmask.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/transactions/{id}', tags: ['ingest'], summary: '查看业务流水及其版本历史 A transaction with its revision history',
  description: '个人信息（身份证号、电话、地址）默认脱敏；`unmask=true` 仅 INVESTIGATOR / SUPERVISOR / SENIOR_SUPERVISOR 可用，且记入审计。 Personal data is masked unless unmask=true (audited, roles above only).',
  request: { params: z.object({ id: z.string().min(1).max(64) }), query: z.object({ unmask: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: {
      description: 'current version and every version received',
      content: { 'application/json': { schema: z.object({
        transaction: z.record(z.string(), z.unknown()),
        revisions: z.array(z.object({ version: z.number(), status: z.string(), receivedAt: z.string(), payloadSha256: z.string(), payload: z.record(z.string(), z.unknown()) })),
        masked: z.boolean(),
      }) } },
    },
    403: { description: 'problem+json: unmask asked by a role that may not' },
    404: { description: 'problem+json: unknown id' },
  },
});

export function registerGetTransaction(app: ApiApp, deps: ApiDeps): void {
  guard(app, 'GET', '/api/v1/transactions/:id', READ_ACCESS);
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const found = await getTransaction(deps.ctx.db, id);
    if (!found.ok) return problemResponse(c, found.error);
    const unmask = await unmaskRequested(c, deps, 'transaction', { type: 'transaction', id });
    if (!unmask.ok) return problemResponse(c, unmask.error);
    const view = unmask.value ? found.value : maskPersonalData(found.value);
    return c.json({ ...view, masked: !unmask.value }, 200);
  });
}
