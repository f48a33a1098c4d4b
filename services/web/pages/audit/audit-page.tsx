import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { listAudit, type AuditEntryView } from '../../../audit/index.ts';
import { maskPersonalData } from '../../../auth/masking.ts';
import { webPage } from '../../http/page.ts';
import { renderPage, statusOf } from '../../http/render.tsx';
import { CsrfField, EmptyState, Notice } from '../../layout/components.tsx';
import { compactJson, formatTime } from '../../layout/format.ts';
import { AUDITORS } from './access.ts';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES } from './action-names.ts';

const TEXT_FILTERS = [['actor', '操作人'], ['action', '动作（如 alert.decided）'], ['entityType', '对象类型'], ['entityId', '对象编号']] as const;

/** datetime-local gives Beijing wall time without an offset; the use case wants ISO with one. */
function localToIso(value: string | null): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}

function Filters(props: { query: URLSearchParams }) {
  const q = (n: string) => props.query.get(n) ?? '';
  return (
    <form method="get" action="/audit" class="filters" role="search" aria-label="筛选审计日志">
      {TEXT_FILTERS.map(([name, label], i) => <label>{label}<input name={name} value={q(name)} maxlength={200} data-shortcut-focus={i === 0 ? true : undefined} /></label>)}
      <label>起（北京时间）<input type="datetime-local" name="from" value={q('from')} /></label>
      <label>止<input type="datetime-local" name="to" value={q('to')} /></label>
      <button type="submit">筛选</button>
      <a href="/audit">清除条件</a>
    </form>
  );
}

function Entries(props: { items: readonly AuditEntryView[] }) {
  if (props.items.length === 0) return <EmptyState>没有符合条件的审计记录。</EmptyState>;
  return (
    <table data-keyboard-list class="audit">
      <caption class="sr-only">审计记录，新的在前；数据中的个人信息已脱敏</caption>
      <thead><tr><th class="num">序号</th><th>时间</th><th>操作人</th><th>动作</th><th>对象</th><th>数据</th><th>哈希</th></tr></thead>
      <tbody>
        {props.items.map((e) => (
          <tr>
            <td class="num">{e.seq}</td><td>{formatTime(e.at)}</td><td>{e.actor}</td><td>{AUDIT_ACTION_NAMES[e.action] ? <>{AUDIT_ACTION_NAMES[e.action]}<br /><small><code>{e.action}</code></small></> : <code>{e.action}</code>}</td>
            <td>{AUDIT_ENTITY_NAMES[e.entityType] ?? e.entityType} <code>{e.entityId}</code></td>
            <td><code class="data">{compactJson(maskPersonalData(e.data), 240)}</code></td>
            <td><code title={`上一条 ${e.prevHash}`}>{e.hash.slice(0, 12)}…</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GET /audit — the audit trail, newest first, filtered, masked; and the chain verification. */
export function registerAuditPage(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/audit', access: AUDITORS }, async (c, user) => {
    const query = new URL(c.req.url).searchParams;
    const input: Record<string, string | undefined> = { limit: '50', before: query.get('before') || undefined, from: localToIso(query.get('from')), to: localToIso(query.get('to')) };
    for (const [name] of TEXT_FILTERS) input[name] = query.get(name) || undefined;
    const result = await listAudit(deps.ctx.db, input);
    const next = new URLSearchParams(query);
    if (result.ok && result.value.nextBefore) next.set('before', result.value.nextBefore);
    return renderPage(c, {
      title: '审计日志', user,
      shortcuts: [['j / k', '下一条 / 上一条']],
      children: (
        <>
          <section class="panel" aria-labelledby="verify-title">
            <h2 id="verify-title">哈希链校验</h2>
            <p>逐条重算整条审计链的哈希，报告第一处断裂（条目被改动、删除或调换顺序）。</p>
            <form method="post" action="/audit/verify" hx-post="/audit/verify" hx-target="#verify-result" hx-swap="innerHTML" class="actions">
              <CsrfField user={user} />
              <button type="submit">校验审计链</button>
            </form>
            <div id="verify-result" aria-live="polite"></div>
          </section>
          <Filters query={query} />
          {result.ok ? <Entries items={result.value.items} /> : <Notice kind="error" problems={result.error.problems}>{result.error.detail}</Notice>}
          <nav class="pager" aria-label="分页">
            {query.get('before') ? <a href="/audit">回到最新</a> : null}
            {result.ok && result.value.nextBefore ? <a href={`/audit?${next.toString()}`} rel="next">更早的记录</a> : null}
          </nav>
        </>
      ),
    }, result.ok ? 200 : statusOf(result.error));
  });
}
