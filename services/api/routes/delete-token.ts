import { z } from '@hono/zod-openapi';
import { revokeApiToken } from '../../auth/api-tokens.ts';
import { actorName } from '../../auth/roles.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

/** DELETE /api/v1/tokens/{id} — revoke a token at once (audited). */
export function registerDeleteToken(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'delete', path: '/api/v1/tokens/{id}', tags: ['users'], summary: '撤销 API 令牌 Revoke a token (ADMIN)',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: 'revoked' }, 404: { description: 'problem+json' } },
  });
  guard(app, 'DELETE', '/api/v1/tokens/:id', ADMIN_ACCESS);
  app.delete('/api/v1/tokens/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,18}$/.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有令牌 ${id} (no such token)` });
    const result = await revokeApiToken(ctx.db, actorName(c.get('principal')!), BigInt(id));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
