import { USER_ROLES } from '../../../auth/roles.ts';
import type { UserView } from '../../../auth/users.ts';
import type { SignedIn } from '../../http/types.ts';
import { CsrfField } from '../../layout/components.tsx';
import { ROLE_NAMES } from '../../layout/format.ts';
import { textField, textFields, type FormData } from '../../http/forms.ts';

/** What the user form holds; the password is never sent back to the browser. */
export interface UserFormValues {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly handlerId: string;
  readonly active: boolean;
}

export const EMPTY_USER: UserFormValues = { username: '', displayName: '', roles: [], handlerId: '', active: true };

export function valuesOf(user: UserView): UserFormValues {
  return { username: user.username, displayName: user.displayName, roles: user.roles, handlerId: user.handlerId ?? '', active: user.active };
}

export function valuesFromForm(form: FormData): UserFormValues {
  return { username: textField(form, 'username'), displayName: textField(form, 'displayName'), roles: textFields(form, 'roles'), handlerId: textField(form, 'handlerId'), active: textField(form, 'active') === 'on' };
}

/** The use-case input of a create (all fields) or an update (a password only when one was typed). */
export function userInput(form: FormData, mode: 'create' | 'update'): Record<string, unknown> {
  const values = valuesFromForm(form);
  const password = typeof form.password === 'string' ? form.password : '';
  const common = { displayName: values.displayName, roles: values.roles, handlerId: values.handlerId || null };
  if (mode === 'create') return { username: values.username, password, ...common };
  return { ...common, active: values.active, ...(password ? { password } : {}) };
}

export function UserForm(props: { user: SignedIn; action: string; values: UserFormValues; mode: 'create' | 'update' }) {
  const v = props.values;
  const creating = props.mode === 'create';
  return (
    <form method="post" action={props.action} class="stack" aria-label={creating ? '新建用户' : '修改用户'}>
      <CsrfField user={props.user} />
      {creating ? <><label for="username">用户名（字母、数字或 ._-）</label><input id="username" name="username" required maxlength={64} value={v.username} autocomplete="off" /></> : null}
      <label for="displayName">姓名</label>
      <input id="displayName" name="displayName" required maxlength={100} value={v.displayName} />
      <label for="password">{creating ? '初始密码（至少 12 个字符）' : '新密码（不修改请留空；修改后该用户须重新登录）'}</label>
      <input id="password" name="password" type="password" minlength={12} maxlength={256} required={creating} autocomplete="new-password" />
      <fieldset>
        <legend>角色</legend>
        {USER_ROLES.map((role) => <label class="checkbox"><input type="checkbox" name="roles" value={role} checked={v.roles.includes(role)} /> {ROLE_NAMES[role]}（{role}）</label>)}
      </fieldset>
      <label for="handlerId">关联经办人编号（可空；关联后不得审核该经办人的业务）</label>
      <input id="handlerId" name="handlerId" maxlength={64} value={v.handlerId} />
      {creating ? null : <label class="checkbox"><input type="checkbox" name="active" checked={v.active} /> 在岗（取消即停用，并结束其会话）</label>}
      <button type="submit" class="primary">{creating ? '创建用户' : '保存修改'}</button>
    </form>
  );
}
