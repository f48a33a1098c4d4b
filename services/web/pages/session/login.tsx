import { startSession } from '../../../api/middleware/start-session.ts';
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { loginInput } from '../../../auth/login.ts';
import { formatIssues } from '../../../ingest/schema/problems.ts';
import type { AppError } from '../../../platform/errors.ts';
import { readForm, textField } from '../../http/forms.ts';
import { publicPage } from '../../http/page.ts';
import { renderPage, safeLocalPath, statusOf } from '../../http/render.tsx';
import type { WebContext } from '../../http/types.ts';
import { Notice } from '../../layout/components.tsx';

function LoginForm(props: { next: string; username: string; error: AppError | null; notice: string | null }) {
  return (
    <section class="login-card" aria-labelledby="login-title">
      <h2 id="login-title">请使用工作账号登录</h2>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error" problems={props.error.problems}>{props.error.detail}</Notice> : null}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <label for="username">用户名</label>
        <input id="username" name="username" autocomplete="username" required maxlength={100} value={props.username} autofocus />
        <label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength={256} />
        <button type="submit" class="primary">登录</button>
      </form>
    </section>
  );
}

function page(c: WebContext, props: { next: string; username?: string; error?: AppError; notice?: string }) {
  const status = props.error ? statusOf(props.error) : 200;
  return renderPage(c, {
    title: '登录', user: null,
    children: <LoginForm next={props.next} username={props.username ?? ''} error={props.error ?? null} notice={props.notice ?? null} />,
  }, status);
}

async function signIn(c: WebContext, deps: ApiDeps): Promise<Response> {
  const form = await readForm(c);
  const next = safeLocalPath(textField(form, 'next')) ?? '/';
  const input = { username: textField(form, 'username'), password: typeof form.password === 'string' ? form.password : '' };
  const parsed = loginInput.safeParse(input);
  if (!parsed.success) {
    return page(c, { next, username: input.username, error: { code: 'VALIDATION_FAILED', detail: '请填写用户名和密码 (user name and password required)', problems: formatIssues(parsed.error) } });
  }
  const result = await startSession(c, deps, parsed.data);
  if (!result.ok) return page(c, { next, username: input.username, error: result.error });
  return c.redirect(next, 303);
}

/** GET /login and POST /login: the same sign-in (throttling, lockout, audit) as POST /api/v1/auth/login. */
export function registerLogin(app: ApiApp, deps: ApiDeps): void {
  publicPage(app, deps, { method: 'GET', path: '/login' }, (c, user) => {
    const next = safeLocalPath(c.req.query('next')) ?? '/';
    if (user) return c.redirect(next, 302);
    const notice = c.req.query('signedOut') ? '已退出登录。' : c.req.query('next') ? '请先登录（会话不存在或已过期）。' : undefined;
    return page(c, { next, notice });
  });
  publicPage(app, deps, { method: 'POST', path: '/login' }, (c) => signIn(c, deps));
}
