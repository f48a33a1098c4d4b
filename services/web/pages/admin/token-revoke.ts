import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { revokeApiToken } from '../../../auth/api-tokens.ts';
import { bigintParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage } from '../../http/render.tsx';
import { ADMINS } from './access.ts';

/** POST /admin/tokens/:id/revoke — the token stops working at once (ADMIN; audited by the use case, as DELETE /api/v1/tokens/{id}). */
export function registerTokenRevoke(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/admin/tokens/:id/revoke', access: ADMINS }, async (c, user) => {
    const id = bigintParam(c.req.param('id'));
    const result = id === null ? null : await revokeApiToken(deps.ctx.db, user.username, id);
    if (!result) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该令牌 (no such token)' });
    if (!result.ok) return renderErrorPage(c, user, result.error);
    return redirectAfterPost(c, '/admin/tokens?done=revoked');
  });
}
