import { deleteCookie } from 'hono/cookie';
import { isHttps, SESSION_COOKIE } from '../../../api/middleware/request-meta.ts';
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { appendAudit } from '../../../audit/index.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost } from '../../http/render.tsx';

/** POST /logout — ends the session on the server (not only the cookie); the end and its audit entry commit together. */
export function registerLogout(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/logout', access: 'ANY' }, async (c, user) => {
    await deps.ctx.db.prisma.$transaction(async (tx) => {
      await tx.userSession.updateMany({ where: { idHash: user.sessionHash, revokedAt: null }, data: { revokedAt: new Date() } });
      await appendAudit(tx, [{ actor: user.username, action: 'auth.logout', entityType: 'user', entityId: user.userId.toString(), data: { via: 'web' } }]);
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Strict' });
    return redirectAfterPost(c, '/login?signedOut=1');
  });
}
