/**
 * Signing in over HTTP, shared by the API (`POST /api/v1/auth/login`) and the workbench's sign-in
 * form: the throttled login use case, `Retry-After` on a lock-out, and the session cookie
 * (HttpOnly, SameSite=Strict, Secure over HTTPS). Each caller only answers in its own format.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { login } from '../../auth/login.ts';
import type { ApiDeps } from '../types.ts';
import { sessionPolicy } from './authenticate.ts';
import { clientIp, isHttps, SESSION_COOKIE } from './request-meta.ts';

type Credentials = Parameters<typeof login>[1];

export async function startSession(c: Context, deps: ApiDeps, credentials: Credentials): ReturnType<typeof login> {
  const env = deps.ctx.env;
  const result = await login(deps.ctx.db, credentials, {
    session: sessionPolicy(deps),
    throttle: { delayAfter: env.LOGIN_DELAY_AFTER, lockAfter: env.LOGIN_LOCK_AFTER, lockMs: env.LOGIN_LOCK_MINUTES * 60_000 },
  }, { ip: clientIp(c, env.TRUST_PROXY), userAgent: c.req.header('user-agent') ?? null });
  if (!result.ok) {
    const retry = result.error.extensions?.retryAfterSeconds;
    if (typeof retry === 'number') c.header('Retry-After', String(retry));
    return result;
  }
  setCookie(c, SESSION_COOKIE, result.value.id, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/', maxAge: Math.floor(env.SESSION_MAX_HOURS * 3600) });
  return result;
}
