import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { createUser, listUsers, type UserView } from '../../../auth/users.ts';
import type { AppError } from '../../../platform/errors.ts';
import { readForm } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { Badge, EmptyState, Notice } from '../../layout/components.tsx';
import { formatTime, ROLE_NAMES } from '../../layout/format.ts';
import { ADMINS } from './access.ts';
import { EMPTY_USER, UserForm, userInput, valuesFromForm, type UserFormValues } from './user-form.tsx';

const DONE: Readonly<Record<string, string>> = { created: '用户已创建。', updated: '用户已修改。' };

function UserTable(props: { users: readonly UserView[] }) {
  if (props.users.length === 0) return <EmptyState>还没有用户。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption class="sr-only">用户</caption>
      <thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>关联经办人</th><th>状态</th><th>创建时间</th></tr></thead>
      <tbody>
        {props.users.map((u) => (
          <tr>
            <td><a href={`/admin/users/${u.id}`}>{u.username}</a>{u.demo ? <> <Badge tone="neutral">演示</Badge></> : null}</td>
            <td>{u.displayName}</td>
            <td>{u.roles.map((r) => ROLE_NAMES[r] ?? r).join('、') || '—'}</td>
            <td>{u.handlerId ?? '—'}</td>
            <td>{u.active ? <Badge tone="ok">在岗</Badge> : <Badge tone="bad">已停用</Badge>}</td>
            <td>{formatTime(u.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function usersPage(c: WebContext, deps: ApiDeps, user: SignedIn, state: { error?: AppError; values?: UserFormValues } = {}): Promise<Response> {
  const users = await listUsers(deps.ctx.db);
  const done = DONE[c.req.query('done') ?? ''];
  return renderPage(c, {
    title: '用户与角色', user,
    shortcuts: [['j / k', '下一个 / 上一个用户']],
    children: (
      <>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        <UserTable users={users} />
        <section class="panel" aria-labelledby="new-user"><h2 id="new-user">新建用户</h2>
          {state.error ? <Notice kind="error" problems={state.error.problems}>{state.error.detail}</Notice> : null}
          <UserForm user={user} action="/admin/users" values={state.values ?? EMPTY_USER} mode="create" />
        </section>
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** GET /admin/users (list and new-user form) and POST /admin/users (create; audited by the use case). */
export function registerUsers(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/users', access: ADMINS }, (c, user) => usersPage(c, deps, user));
  webPage(app, deps, { method: 'POST', path: '/admin/users', access: ADMINS }, async (c, user) => {
    const form = await readForm(c);
    const created = await createUser(deps.ctx.db, user.username, userInput(form, 'create'));
    if (!created.ok) return usersPage(c, deps, user, { error: created.error, values: valuesFromForm(form) });
    return redirectAfterPost(c, '/admin/users?done=created');
  });
}
