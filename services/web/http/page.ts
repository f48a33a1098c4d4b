/**
 * How every page is mounted: who is calling (the same session cookie and resolution as the API),
 * the role check on the server, the CSRF check for changes, and no caching of personal data.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { sessionPolicy } from '../../api/middleware/authenticate.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../api/middleware/request-meta.ts';
import type { ApiApp, ApiDeps, ApiEnv } from '../../api/types.ts';
import { sameSecret } from '../../auth/secrets.ts';
import { resolveSession } from '../../auth/sessions.ts';
import { CSRF_FIELD } from '../layout/components.tsx';
import { renderErrorPage } from './render.tsx';
import type { PageAccess, PageHandler, PublicHandler, SignedIn, WebContext } from './types.ts';

export interface PageRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly access: PageAccess;
}

type Method = PageRoute['method'];

async function signedInUser(c: WebContext, deps: ApiDeps): Promise<SignedIn | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return null;
  const principal = await resolveSession(deps.ctx.db, cookie, sessionPolicy(deps));
  return principal?.kind === 'user' ? principal : null;
}

/** The token from the form field (plain forms) or the header (htmx and scripts). */
async function sentCsrfToken(c: WebContext): Promise<string> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return '';
  const body = await c.req.parseBody();
  const field = body[CSRF_FIELD];
  return typeof field === 'string' ? field : '';
}

/** Anonymous: to the sign-in page, then back here. htmx requests get HX-Redirect instead of a swapped page. */
function toSignIn(c: WebContext): Response {
  const back = c.req.method === 'GET' ? `${c.req.path}${new URL(c.req.url).search}` : '/';
  const location = `/login?next=${encodeURIComponent(back)}`;
  if (c.req.header('hx-request')) return c.body(null, 401, { 'HX-Redirect': location });
  return c.redirect(location, c.req.method === 'GET' ? 302 : 303);
}

function allowed(user: SignedIn, access: PageAccess): boolean {
  return access === 'ANY' || user.roles.some((r) => access.includes(r));
}

function pageGuard(deps: ApiDeps, route: PageRoute): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user = await signedInUser(c, deps);
    c.set('principal', user);
    c.header('Cache-Control', 'no-store');
    if (!user) return toSignIn(c);
    if (route.method === 'POST' && !sameSecret(await sentCsrfToken(c), user.csrfToken)) {
      return renderErrorPage(c, user, { code: 'CSRF_REJECTED', detail: '页面已过期或来源不明，请刷新页面后重试 (CSRF token missing or wrong)' });
    }
    if (!allowed(user, route.access)) {
      const needed = route.access === 'ANY' ? [] : route.access;
      return renderErrorPage(c, user, { code: 'FORBIDDEN', detail: `此页面需要角色 ${needed.join(' / ')} (not permitted)`, extensions: { requiredRoles: needed } });
    }
    return next();
  };
}

function bodyLimitFor(deps: ApiDeps, method: Method): MiddlewareHandler<ApiEnv>[] {
  if (method !== 'POST') return [];
  const mb = deps.ctx.env.BODY_LIMIT_MB;
  return [bodyLimit({
    maxSize: mb * 1024 * 1024,
    onError: (c) => renderErrorPage(c, null, { code: 'PAYLOAD_TOO_LARGE', detail: `提交内容超过 ${mb} MB (body larger than ${mb} MB)` }),
  })];
}

/** Mounts one page or form action behind its guard; the handler receives the signed-in user. */
export function webPage(app: ApiApp, deps: ApiDeps, route: PageRoute, handler: PageHandler): void {
  const run: MiddlewareHandler<ApiEnv> = async (c) => handler(c, c.get('principal') as SignedIn);
  app.on(route.method, [route.path], ...bodyLimitFor(deps, route.method), pageGuard(deps, route), run);
}

/** Mounts a page anyone may open (sign-in); it still learns who is signed in, if anyone. */
export function publicPage(app: ApiApp, deps: ApiDeps, route: { method: Method; path: string }, handler: PublicHandler): void {
  const run: MiddlewareHandler<ApiEnv> = async (c) => {
    c.header('Cache-Control', 'no-store');
    return handler(c, await signedInUser(c, deps));
  };
  app.on(route.method, [route.path], ...bodyLimitFor(deps, route.method), run);
}
