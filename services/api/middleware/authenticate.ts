import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveApiToken } from '../../auth/api-tokens.ts';
import { sameSecret } from '../../auth/secrets.ts';
import { resolveSession } from '../../auth/sessions.ts';
import { problemResponse } from '../problem.ts';
import type { ApiDeps, ApiEnv } from '../types.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './request-meta.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in uses no session, so a stale cookie must not make it demand a CSRF token. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export function sessionPolicy(deps: ApiDeps): { maxMs: number; idleMs: number } {
  return { maxMs: deps.ctx.env.SESSION_MAX_HOURS * 3_600_000, idleMs: deps.ctx.env.SESSION_IDLE_MINUTES * 60_000 };
}

/**
 * Establishes who is calling: `Authorization: Bearer <token>` (machines) or the session cookie
 * (people). A bearer header that does not resolve is refused outright; a stale cookie is just
 * anonymous. State-changing requests authenticated by cookie must echo the session's CSRF
 * token in X-CSRF-Token (SameSite=Strict already stops most cross-site posts; this stops the rest).
 */
export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set('principal', null);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match ? await resolveApiToken(deps.ctx.db, match[1]!) : null;
      if (!principal) return problemResponse(c, { code: 'UNAUTHENTICATED', detail: '令牌无效、已过期或已撤销 (invalid, expired or revoked token)' });
      c.set('principal', principal);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) return next();
    const principal = await resolveSession(deps.ctx.db, cookie, sessionPolicy(deps));
    if (!principal || principal.kind !== 'user') return next();
    if (!SAFE_METHODS.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!sameSecret(sent, principal.csrfToken)) {
        return problemResponse(c, { code: 'CSRF_REJECTED', detail: `缺少或错误的 ${CSRF_HEADER} 请求头 (send the session's CSRF token in ${CSRF_HEADER})` });
      }
    }
    c.set('principal', principal);
    return next();
  };
}
