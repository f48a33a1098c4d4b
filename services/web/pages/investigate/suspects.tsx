/** The suspects list with its CSV export (INVESTIGATOR; every view and export audited, masked unless asked). */
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { exportSuspectsCsv, listSuspects, type SuspectPage } from '../../../intermediaries/index.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage } from '../../http/render.tsx';
import type { WebContext } from '../../http/types.ts';
import { EmptyState, Pager } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { SuspectScore, UnmaskToggle } from './parts.tsx';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

const query = (c: WebContext) => new URL(c.req.url).searchParams;
const filtersOf = (q: URLSearchParams) => Object.fromEntries(['minScore', 'ringId', 'inRing', 'segment', 'page'].flatMap((k) => (q.get(k) ? [[k, q.get(k)!]] : [])));

function SuspectTable(props: { page: SuspectPage; q: URLSearchParams }) {
  const { page } = props;
  if (page.items.length === 0) return <EmptyState>没有符合条件的嫌疑人{page.lastRun ? '' : '（尚未完成首次全量识别）'}。</EmptyState>;
  return (
    <>
      <table data-keyboard-list>
        <caption>嫌疑人（按分数排序，共 {page.total} 人）</caption>
        <thead><tr><th class="num">排名</th><th>姓名</th><th>身份号码</th><th>电话</th><th>嫌疑分</th><th>团伙</th><th class="num">代办笔数</th><th>理由</th></tr></thead>
        <tbody>{page.items.map((s) => (
          <tr><td class="num">{s.rank}</td><td class="nowrap"><a href={`/investigate/persons/${encodeURIComponent(s.ref)}`}>{s.name ?? s.idNumber}</a></td><td>{s.idNumber}</td><td>{s.phone ?? '—'}</td>
            <td><SuspectScore score={s.score} /></td><td class="nowrap">{s.ringId ? <a href={`/investigate/rings/${encodeURIComponent(s.ringId)}`}>{s.ringId}</a> : '—'}</td>
            <td class="num">{s.transactions}</td><td>{s.reasons.slice(0, 3).join('；')}</td></tr>
        ))}</tbody>
      </table>
      <Pager base="/investigate/suspects" params={props.q} page={page.page} pageSize={page.pageSize} total={page.total} />
    </>
  );
}

export function registerInvestigateSuspects(app: ApiApp, deps: ApiDeps): void {
  /** GET /investigate/suspects — best first, filtered; every view audited. */
  webPage(app, deps, { method: 'GET', path: '/investigate/suspects', access: INVESTIGATION_ROLES }, async (c, user) => {
    const q = query(c);
    const viewer = viewerOf(c, user);
    const result = await listSuspects(deps.ctx.db, viewer, filtersOf(q));
    if (!result.ok) return renderErrorPage(c, user, result.error);
    const csv = new URLSearchParams(filtersOf(q));
    csv.delete('page');
    if (viewer.unmask) csv.set('unmask', 'true');
    return renderPage(c, {
      title: '黄牛嫌疑人', user, shortcuts: [['j / k', '下一人 / 上一人']],
      children: (
        <>
          <p><a href="/investigate">← 调查</a></p>
          <UnmaskToggle c={c} unmasked={viewer.unmask} />
          <form method="get" action="/investigate/suspects" class="filters" aria-label="筛选嫌疑人">
            <label>最低分<input type="number" name="minScore" min={0} max={100} value={q.get('minScore') ?? '0'} data-shortcut-focus /></label>
            <label>团伙<select name="inRing"><option value="">全部</option><option value="true" selected={q.get('inRing') === 'true'}>属于团伙</option><option value="false" selected={q.get('inRing') === 'false'}>不属于团伙</option></select></label>
            {viewer.unmask ? <input type="hidden" name="unmask" value="true" /> : null}
            <button type="submit">筛选</button>
            <a class="button" href={`/investigate/suspects.csv?${csv.toString()}`} download>导出 CSV{viewer.unmask ? '（完整信息）' : '（脱敏）'}</a>
          </form>
          {result.value.lastRun ? <p class="muted">最近一次全量识别：{formatTime(result.value.lastRun.finishedAt)}</p> : null}
          <SuspectTable page={result.value} q={q} />
        </>
      ),
    });
  });
  /** GET /investigate/suspects.csv — the same list as CSV (UTF-8 BOM), masked unless asked; an audited export. */
  webPage(app, deps, { method: 'GET', path: '/investigate/suspects.csv', access: INVESTIGATION_ROLES }, async (c, user) => {
    const result = await exportSuspectsCsv(deps.ctx.db, viewerOf(c, user), filtersOf(query(c)));
    if (!result.ok) return renderErrorPage(c, user, result.error);
    return c.body(result.value.csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="suspects.csv"' });
  });
}
