import { deleteCookie } from 'hono/cookie';
import { appendAudit } from '../../audit/index.ts';
import { revokeSession } from '../../auth/sessions.ts';
import { guard } from '../middleware/require-access.ts';
import { isHttps, SESSION_COOKIE } from '../middleware/request-meta.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

/** POST /api/v1/auth/logout — ends the session on the server (not only the cookie). Needs X-CSRF-Token. */
export function registerPostAuthLogout(app: ApiApp, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/auth/logout', tags: ['auth'], summary: '退出登录 Sign out',
    responses: { 204: { description: 'signed out' }, 401: { description: 'problem+json: not signed in' }, 403: { description: 'problem+json: CSRF token missing' } },
  });
  guard(app, 'POST', '/api/v1/auth/logout', { roles: 'ANY' });
  app.post('/api/v1/auth/logout', async (c) => {
    const principal = c.get('principal');
    if (principal?.kind === 'user') {
      await revokeSession(deps.ctx.db, principal.sessionHash);
      await deps.ctx.db.prisma.$transaction((tx) => appendAudit(tx, [{ actor: principal.username, action: 'auth.logout', entityType: 'user', entityId: principal.userId.toString() }]));
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });
}
