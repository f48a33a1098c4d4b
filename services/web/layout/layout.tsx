import type { Child } from 'hono/jsx';
import { assetUrl, type AssetName } from '../http/assets.ts';
import type { SignedIn } from '../http/types.ts';
import { ROLE_NAMES } from './format.ts';
import { navFor } from './nav.ts';
import { CsrfField } from './components.tsx';

export const PRODUCT_NAME = '车驾管智能监管平台';

/** A key and what it does, shown on screen (not only in a help page). */
export type Shortcut = readonly [key: string, action: string];

export interface LayoutProps {
  readonly title: string;
  readonly user: SignedIn | null;
  /** The path of the page, to mark the current section in the navigation. */
  readonly path: string;
  readonly shortcuts?: readonly Shortcut[];
  /** Extra scripts for this page (cytoscape, the photo review keys). */
  readonly scripts?: readonly AssetName[];
  readonly children?: Child;
}

function UserMenu(props: { user: SignedIn }) {
  const { user } = props;
  return (
    <div class="user-menu">
      <span class="who">{user.displayName}（{user.username}）<small>{user.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}</small></span>
      <form method="post" action="/logout" class="inline">
        <CsrfField user={user} />
        <button type="submit" class="link">退出登录</button>
      </form>
    </div>
  );
}

function Navigation(props: { user: SignedIn; path: string }) {
  const items = navFor(props.user);
  // The most specific section containing this page is the current one (/investigate/handlers, not /investigate).
  const within = items.filter((item) => props.path === item.href || props.path.startsWith(`${item.href}/`));
  const currentHref = within.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="主导航">
      <ul>
        {items.map((item) => {
          const current = item.href === currentHref;
          return (
            <li>
              <a href={item.href} aria-current={current ? 'page' : undefined} data-nav-key={item.key}>
                {item.label} <kbd aria-hidden="true">g {item.key}</kbd>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function ShortcutBar(props: { shortcuts: readonly Shortcut[]; signedIn: boolean }) {
  const global: Shortcut[] = props.signedIn ? [['g + 字母', '切换栏目'], ['/', '聚焦搜索或筛选']] : [];
  // A page that describes a global key itself (the search page's "/") is not listed twice.
  const all: Shortcut[] = [...props.shortcuts, ...global.filter(([key]) => !props.shortcuts.some(([own]) => own === key))];
  if (all.length === 0) return null;
  return (
    <aside class="shortcuts" aria-label="键盘快捷键">
      快捷键：{all.map(([key, action]) => <span class="shortcut"><kbd>{key}</kbd> {action}</span>)}
    </aside>
  );
}

/** The page shell: skip link, header with role-aware navigation, main content, shortcuts. */
export function Layout(props: LayoutProps) {
  const { user } = props;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${PRODUCT_NAME}`}</title>
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src={assetUrl('htmx.min.js')} defer></script>
        {(props.scripts ?? []).map((name) => <script src={assetUrl(name)} defer></script>)}
        <script src={assetUrl('app.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">跳到主要内容</a>
        <header class="site-header">
          <a class="brand" href="/">{PRODUCT_NAME}</a>
          {user ? <Navigation user={user} path={props.path} /> : null}
          {user ? <UserMenu user={user} /> : null}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site-footer">
          <ShortcutBar shortcuts={props.shortcuts ?? []} signedIn={user !== null} />
        </footer>
      </body>
    </html>
  );
}
