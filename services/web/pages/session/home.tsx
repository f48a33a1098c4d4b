import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { webPage } from '../../http/page.ts';
import { renderPage } from '../../http/render.tsx';
import { ROLE_NAMES } from '../../layout/format.ts';
import { navFor } from '../../layout/nav.ts';
import { homeFigures } from './home-figures.ts';

/** GET / — what is waiting for this user, and the sections their roles open (as the navigation). */
export function registerHome(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/', access: 'ANY' }, async (c, user) => {
    const items = navFor(user);
    const figures = await homeFigures(deps.ctx.db, user);
    return renderPage(c, {
      title: '工作台', user,
      children: (
        <>
          <p>您好，{user.displayName}。您的角色：{user.roles.map((r) => ROLE_NAMES[r] ?? r).join('、') || '（无）'}。</p>
          {figures.length > 0 ? (
            <ul class="figures" aria-label="待办">
              {figures.map((f) => <li class={f.urgent && f.value > 0 ? 'urgent' : undefined}><a href={f.href}><strong>{f.value}</strong> {f.label}</a></li>)}
            </ul>
          ) : null}
          {items.length === 0
            ? <p class="empty" role="status">您的账号尚未分配可用的栏目，请联系系统管理员。</p>
            : <ul class="cards" aria-label="栏目">{items.map((i) => <li><a href={i.href}>{i.label}</a> <kbd>g {i.key}</kbd></li>)}</ul>}
        </>
      ),
    });
  });
}
