import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { listColludingHandlers, type ColludingHandlerView } from '../../../intermediaries/index.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage } from '../../http/render.tsx';
import { EmptyState } from '../../layout/components.tsx';
import { UnmaskToggle } from './parts.tsx';
import { HANDLER_LIST_ROLES, viewerOf } from './viewer.ts';

function HandlerTable(props: { handlers: readonly ColludingHandlerView[] }) {
  if (props.handlers.length === 0) return <EmptyState>没有统计上显著偏向嫌疑人的经办人。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption>疑似串通的经办人（按显著性排序）</caption>
      <thead><tr><th>经办人</th><th>站点</th><th class="num">实际 / 预期</th><th class="num">倍数</th><th class="num">p 值</th><th>团伙</th><th>相关代办人</th></tr></thead>
      <tbody>{props.handlers.map((h) => (
        <tr><td>{h.name ?? '—'} <code>{h.handlerId}</code>{h.active === false ? '（停用）' : ''}</td><td>{h.stations.join('、')}</td>
          <td class="num">{h.observed} / {h.expected.toFixed(1)}</td><td class="num">{h.lift.toFixed(2)}</td><td class="num">{h.pValue.toExponential(1)}</td>
          <td>{h.ringIds.map((id) => <a href={`/investigate/rings/${encodeURIComponent(id)}`}>{id} </a>)}</td>
          <td>{h.agents.slice(0, 5).map((a) => <a href={`/investigate/persons/${encodeURIComponent(a.ref)}`}>{a.name ?? a.idNumber} </a>)}{h.agents.length > 5 ? `等 ${h.agents.length} 人` : ''}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function registerInvestigateHandlers(app: ApiApp, deps: ApiDeps): void {
  /** GET /investigate/handlers — colluding handlers (investigators, and supervisors who act on their cases). */
  webPage(app, deps, { method: 'GET', path: '/investigate/handlers', access: HANDLER_LIST_ROLES }, async (c, user) => {
    const viewer = viewerOf(c, user);
    const result = await listColludingHandlers(deps.ctx.db, viewer);
    if (!result.ok) return renderErrorPage(c, user, result.error);
    return renderPage(c, {
      title: '串通经办人', user, shortcuts: [['j / k', '下一个 / 上一个']],
      children: <><UnmaskToggle c={c} unmasked={viewer.unmask} /><HandlerTable handlers={result.value} /></>,
    });
  });
}
