import { createRoute, z } from '@hono/zod-openapi';
import { listAudit, listAuditQuery } from '../../audit/index.ts';
import { maskPersonalData } from '../../auth/masking.ts';
import { AUDITOR_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const entry = z.object({ seq: z.string(), at: z.string(), actor: z.string(), action: z.string(), entityType: z.string(), entityId: z.string(), data: z.unknown(), prevHash: z.string(), hash: z.string() });

const route = createRoute({
  method: 'get', path: '/api/v1/audit', tags: ['audit'], summary: '审计日志 The audit trail (AUDITOR), newest first; personal data in entry data is masked',
  request: { query: listAuditQuery },
  responses: { 200: { description: 'one page; pass nextBefore as before for the next', content: { 'application/json': { schema: z.object({ items: z.array(entry), nextBefore: z.string().nullable() }) } } }, 400: { description: 'problem+json: bad filter' } },
});

export function registerGetAudit(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/audit', AUDITOR_ACCESS);
  app.openapi(route, async (c) => {
    const result = await listAudit(ctx.db, c.req.valid('query'));
    if (!result.ok) return problemResponse(c, result.error);
    // The auditor checks who did what, not whose data it was: entry data is masked here; the
    // hashes are over the whole data, which GET /api/v1/audit/verify recomputes on the server.
    return c.json({ ...result.value, items: result.value.items.map((e) => ({ ...e, data: maskPersonalData(e.data) })) }, 200);
  });
}
