import { z } from '@hono/zod-openapi';
import { createApiToken, createTokenInput } from '../../auth/api-tokens.ts';
import { actorName } from '../../auth/roles.ts';
import { readJson } from '../json-body.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

/** POST /api/v1/tokens — ADMIN issues a scoped API token for a business system (shown once). */
export function registerPostTokens(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/tokens', tags: ['users'], summary: '签发 API 令牌 Issue a scoped API token (ADMIN)',
    request: { body: { required: true, content: { 'application/json': { schema: createTokenInput } } } },
    responses: { 201: { description: 'the token, shown once', content: { 'application/json': { schema: z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable(), token: z.string() }) } } } },
  });
  guard(app, 'POST', '/api/v1/tokens', ADMIN_ACCESS);
  app.post('/api/v1/tokens', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await createApiToken(ctx.db, actorName(c.get('principal')!), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    c.header('Cache-Control', 'no-store');
    return c.json(result.value, 201);
  });
}
