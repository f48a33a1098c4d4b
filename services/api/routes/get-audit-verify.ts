import { createRoute, z } from '@hono/zod-openapi';
import { verifyAuditChain } from '../../audit/index.ts';
import { AUDITOR_ACCESS, guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/audit/verify', tags: ['audit'], summary: '校验审计链 Verify the whole hash chain (AUDITOR)',
  responses: {
    200: {
      description: 'ok, or the first entry that breaks the chain',
      content: { 'application/json': { schema: z.object({
        ok: z.boolean(), entries: z.number(), lastSeq: z.string().nullable(), lastHash: z.string(),
        firstBreak: z.object({ seq: z.string(), kind: z.string(), expected: z.string(), found: z.string(), action: z.string(), at: z.string() }).nullable(),
      }) } },
    },
  },
});

export function registerGetAuditVerify(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/audit/verify', AUDITOR_ACCESS);
  app.openapi(route, async (c) => c.json(await verifyAuditChain(ctx.db), 200));
}
