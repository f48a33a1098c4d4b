import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { listRings, type RingSummary } from '../../../intermediaries/index.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage } from '../../http/render.tsx';
import { EmptyState, Period } from '../../layout/components.tsx';
import { withName } from '../../layout/format.ts';
import { referenceNames } from '../lookups.ts';
import { SuspectScore } from './parts.tsx';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

function RingTable(props: { rings: readonly RingSummary[]; handlers: ReadonlyMap<string, string> }) {
  if (props.rings.length === 0) return <EmptyState>尚未识别出团伙。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption>团伙（按分数排序）</caption>
      <thead><tr><th>团伙</th><th>分数</th><th class="num">成员</th><th class="num">业务</th><th>偏向的经办人</th><th>活动期间</th></tr></thead>
      <tbody>{props.rings.map((r) => (
        <tr><td><a href={`/investigate/rings/${encodeURIComponent(r.ringId)}`}>{r.ringId}</a></td><td><SuspectScore score={r.score} /></td><td class="num">{r.memberCount}</td><td class="num">{r.transactionCount}</td>
          <td>{r.favouredHandlers.map((id) => withName(id, props.handlers)).join('、') || '—'}</td><td><Period from={r.firstSeen} to={r.lastSeen} /></td></tr>
      ))}</tbody>
    </table>
  );
}

export function registerInvestigateRings(app: ApiApp, deps: ApiDeps): void {
  /** GET /investigate/rings — every ring, best first. */
  webPage(app, deps, { method: 'GET', path: '/investigate/rings', access: INVESTIGATION_ROLES }, async (c, user) => {
    const result = await listRings(deps.ctx.db, viewerOf(c, user));
    if (!result.ok) return renderErrorPage(c, user, result.error);
    const names = await referenceNames(deps.ctx.db, { stations: [], handlers: result.value.flatMap((r) => r.favouredHandlers) });
    return renderPage(c, { title: '团伙', user, shortcuts: [['j / k', '下一个 / 上一个']], children: <><p><a href="/investigate">← 调查</a></p><RingTable rings={result.value} handlers={names.handlers} /></> });
  });
}
