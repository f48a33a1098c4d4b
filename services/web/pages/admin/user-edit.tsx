import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { updateUser, userView } from '../../../auth/users.ts';
import type { AppError } from '../../../platform/errors.ts';
import { bigintParam, readForm } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { Notice } from '../../layout/components.tsx';
import { ADMINS } from './access.ts';
import { UserForm, userInput, valuesFromForm, valuesOf, type UserFormValues } from './user-form.tsx';

async function editPage(c: WebContext, deps: ApiDeps, user: SignedIn, id: bigint, state: { error?: AppError; values?: UserFormValues } = {}): Promise<Response> {
  const row = await deps.ctx.db.prisma.user.findUnique({ where: { id } });
  if (!row) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: `没有用户 ${id} (no such user)` });
  const target = userView(row);
  return renderPage(c, {
    title: `修改用户 ${target.username}`, user,
    children: (
      <>
        <p><a href="/admin/users">← 返回用户列表</a></p>
        {state.error ? <Notice kind="error" problems={state.error.problems}>{state.error.detail}</Notice> : null}
        <UserForm user={user} action={`/admin/users/${target.id}`} values={state.values ?? valuesOf(target)} mode="update" />
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** GET /admin/users/:id (edit form) and POST /admin/users/:id (update; ends the user's sessions on password, role or activity change). */
export function registerUserEdit(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/users/:id', access: ADMINS }, (c, user) => {
    const id = bigintParam(c.req.param('id'));
    return id === null ? renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该用户 (no such user)' }) : editPage(c, deps, user, id);
  });
  webPage(app, deps, { method: 'POST', path: '/admin/users/:id', access: ADMINS }, async (c, user) => {
    const id = bigintParam(c.req.param('id'));
    if (id === null) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该用户 (no such user)' });
    const form = await readForm(c);
    const updated = await updateUser(deps.ctx.db, user.username, id, userInput(form, 'update'));
    if (!updated.ok) return editPage(c, deps, user, id, { error: updated.error, values: { ...valuesFromForm(form), username: '' } });
    return redirectAfterPost(c, '/admin/users?done=updated');
  });
}
