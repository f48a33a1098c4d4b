/**
 * The web workbench: server-rendered pages (hono/jsx, zh-CN) for reviewers, supervisors,
 * investigators, admins and auditors, on the same app and the same use cases as the API.
 */
import type { ApiApp, ApiDeps } from '../api/types.ts';
import type { AppError } from '../platform/errors.ts';
import { registerAssets } from './http/assets.ts';
import { renderErrorPage } from './http/render.tsx';
import type { RegisterPage, WebContext } from './http/types.ts';
import { WEB_PAGES } from './pages/index.ts';

/** Mounts /assets/ and every page. Call before the app's notFound handler. */
export function registerWeb(app: ApiApp, deps: ApiDeps): void {
  registerAssets(app);
  for (const register of WEB_PAGES as readonly RegisterPage[]) register(app, deps);
}

/** A browser asking for a page (not the API, not a machine): answer in HTML. */
export function wantsHtml(c: WebContext): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}

export function webNotFound(c: WebContext): Response {
  return renderErrorPage(c, null, { code: 'NOT_FOUND', detail: `没有此页面 ${c.req.path} (no such page)` });
}

export function webError(c: WebContext, error: AppError): Response {
  return renderErrorPage(c, null, error);
}
