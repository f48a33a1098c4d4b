import type { Child } from 'hono/jsx';
import { ERRORS, type AppError } from '../../platform/errors.ts';
import { Notice } from '../layout/components.tsx';
import { Layout, type LayoutProps } from '../layout/layout.tsx';
import type { SignedIn, WebContext } from './types.ts';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

/** A whole page in the layout. */
export function renderPage(c: WebContext, props: Omit<LayoutProps, 'path'>, status: Status = 200): Response {
  const html = `<!doctype html>${String(<Layout {...props} path={c.req.path} />)}`;
  return c.html(html, status);
}

/** A piece of a page for htmx to swap in (no layout). */
export function renderFragment(c: WebContext, node: Child, status: Status = 200): Response {
  return c.html(String(node), status);
}

/** htmx asks for a piece of the page; a browser without scripts gets the same piece in the layout. */
export function renderPart(c: WebContext, user: SignedIn, title: string, node: Child, status: Status = 200): Response {
  return c.req.header('hx-request') ? renderFragment(c, node, status) : renderPage(c, { title, user, children: node }, status);
}

export function statusOf(error: AppError): Status {
  return ERRORS[error.code].status as Status;
}

/** An expected failure (from the one error table) as a page: title from the table, detail, and the rule. */
export function renderErrorPage(c: WebContext, user: SignedIn | null, error: AppError): Response {
  const entry = ERRORS[error.code];
  const rule = typeof error.extensions?.rule === 'string' ? error.extensions.rule : null;
  return renderPage(c, {
    title: entry.title,
    user,
    children: (
      <>
        <Notice kind="error" problems={error.problems}>
          {error.detail}{rule ? <> （规则 <code>{rule}</code>）</> : null}
        </Notice>
        <p><a href="/">返回首页</a></p>
      </>
    ),
  }, statusOf(error));
}

/** An error as an htmx fragment (htmx 4 swaps error responses too). */
export function renderErrorFragment(c: WebContext, error: AppError): Response {
  const rule = typeof error.extensions?.rule === 'string' ? error.extensions.rule : null;
  return renderFragment(c, (
    <Notice kind="error" problems={error.problems}>{error.detail}{rule ? <> （规则 <code>{rule}</code>）</> : null}</Notice>
  ), statusOf(error));
}

/** POST-redirect-GET: after a change the browser shows the page fresh, and reload does not resend. */
export function redirectAfterPost(c: WebContext, location: string): Response {
  return c.redirect(location, 303);
}

/** Only local paths may be a redirect target (no //evil.example, no scheme). */
export function safeLocalPath(candidate: string | undefined | null): string | null {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return null;
  return candidate;
}
