import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/auth/me', tags: ['auth'], summary: '当前用户 Who am I',
  responses: {
    200: {
      description: 'the signed-in user (with the CSRF token for this session), or the API token',
      content: { 'application/json': { schema: z.object({
        kind: z.enum(['user', 'token']), id: z.string(), username: z.string().optional(), displayName: z.string().optional(),
        roles: z.array(z.string()).optional(), handlerId: z.string().nullable().optional(), csrfToken: z.string().optional(), scopes: z.array(z.string()).optional(),
      }) } },
    },
    401: { description: 'problem+json: not signed in' },
  },
});

export function registerGetAuthMe(app: ApiApp, _deps: ApiDeps): void {
  guard(app, 'GET', '/api/v1/auth/me', { roles: 'ANY', scopes: ['ingest', 'read'] });
  app.openapi(route, (c) => {
    const p = c.get('principal')!;
    c.header('Cache-Control', 'no-store');
    if (p.kind === 'token') return c.json({ kind: 'token' as const, id: p.tokenId.toString(), username: `token:${p.name}`, scopes: [...p.scopes] }, 200);
    return c.json({ kind: 'user' as const, id: p.userId.toString(), username: p.username, displayName: p.displayName, roles: [...p.roles], handlerId: p.handlerId, csrfToken: p.csrfToken }, 200);
  });
}
