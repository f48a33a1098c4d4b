import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { getRing, type RingDetail } from '../../../intermediaries/index.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage } from '../../http/render.tsx';
import { EmptyState, Facts, Period } from '../../layout/components.tsx';
import { formatTime, withName } from '../../layout/format.ts';
import { referenceNames } from '../lookups.ts';
import { segmentName } from './evidence-labels.ts';
import { SuspectScore, UnmaskToggle } from './parts.tsx';
import { EDGE_KIND_NAMES, graphOf, NODE_KIND_NAMES, type GraphNode } from './ring-graph.ts';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

const LEGEND: ReadonlyArray<readonly [string, string]> = [['person', '#0b4a8b'], ['phone', '#b45309'], ['address', '#2f6f3e'], ['booker', '#6b46c1'], ['handler', '#9b1c1c']];

function Graph(props: { ring: RingDetail }) {
  const graph = graphOf(props.ring.network);
  if (graph.nodes.length === 0) return <EmptyState>该团伙没有可绘制的关系。</EmptyState>;
  return (
    <>
      <ul class="graph-legend" aria-label="图例">
        {LEGEND.map(([kind, colour]) => <li><span class="dot" style={`background:${colour}`}></span>{NODE_KIND_NAMES[kind]}</li>)}
        <li>粗框：团伙成员；点击节点展开其关联的地址、经办人</li>
      </ul>
      <div class="actions"><button type="button" data-graph-expand-all>展开全部</button><button type="button" data-graph-fit>适应窗口</button></div>
      <div id="ring-graph" class="graph" data-graph={JSON.stringify(graph)} role="img" aria-label={`团伙关系图：${graph.nodes.length} 个节点，${graph.edges.length} 条关系；下表列出同样的节点`}></div>
      <p class="graph-details" data-graph-details aria-live="polite">点击节点查看详情。</p>
      <details>
        <summary>节点与关系列表（{graph.nodes.length} 个节点）</summary>
        <NodeTable nodes={graph.nodes} />
        <table><caption>关系</caption><thead><tr><th>从</th><th>到</th><th>关系</th><th class="num">业务笔数</th></tr></thead>
          <tbody>{props.ring.network.edges.map((e) => {
            const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
            return <tr><td>{label(e.source)}</td><td>{label(e.target)}</td><td>{EDGE_KIND_NAMES[e.kind] ?? e.kind}</td><td class="num">{e.transactions}</td></tr>;
          })}</tbody></table>
      </details>
    </>
  );
}

function NodeTable(props: { nodes: readonly GraphNode[] }) {
  return (
    <table><caption>节点</caption><thead><tr><th>类别</th><th>名称</th><th>说明</th></tr></thead>
      <tbody>{props.nodes.map((n) => <tr><td>{NODE_KIND_NAMES[n.kind] ?? n.kind}</td><td>{n.href ? <a href={n.href}>{n.label}</a> : n.label}</td><td>{n.info ?? ''}</td></tr>)}</tbody></table>
  );
}

function Members(props: { ring: RingDetail }) {
  return (
    <table data-keyboard-list>
      <caption>成员（{props.ring.members.length} 人）</caption>
      <thead><tr><th>姓名</th><th>身份号码</th><th>电话</th><th>嫌疑分</th><th>类别</th></tr></thead>
      <tbody>{props.ring.members.map((m) => (
        <tr><td><a href={`/investigate/persons/${encodeURIComponent(m.ref)}`}>{m.name ?? m.idNumber}</a></td><td>{m.idNumber}</td><td>{m.phone ?? '—'}</td><td><SuspectScore score={m.score} /></td><td>{segmentName(m.segment)}</td></tr>
      ))}</tbody>
    </table>
  );
}

/** GET /investigate/rings/:ringId — the ring: facts, interactive network (cytoscape), members, shared identifiers, handlers (audited read). */
export function registerInvestigateRing(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/investigate/rings/:ringId', access: INVESTIGATION_ROLES }, async (c, user) => {
    const viewer = viewerOf(c, user);
    const found = await getRing(deps.ctx.db, viewer, pathParam(c, 'ringId'));
    if (!found.ok) return renderErrorPage(c, user, found.error);
    const r = found.value;
    const names = await referenceNames(deps.ctx.db, { stations: [], handlers: r.favouredHandlers });
    return renderPage(c, {
      title: `团伙 ${r.ringId}`, user, scripts: ['cytoscape.min.js', 'graph.js'],
      shortcuts: [['j / k', '成员下一人 / 上一人']],
      children: (
        <>
          <p><a href="/investigate/rings">← 全部团伙</a></p>
          <UnmaskToggle c={c} unmasked={viewer.unmask} />
          <Facts items={[
            ['团伙分', <SuspectScore score={r.score} />], ['成员', String(r.memberCount)], ['业务', String(r.transactionCount)],
            ['活动期间', <Period from={r.firstSeen} to={r.lastSeen} />], ['偏向的经办人', r.favouredHandlers.map((id) => withName(id, names.handlers)).join('、') || '无'], ['更新', formatTime(r.updatedAt)],
          ]} />
          <section class="panel" aria-labelledby="graph-title"><h2 id="graph-title">关系网络</h2><Graph ring={r} /></section>
          <section class="panel" aria-labelledby="members-title"><h2 id="members-title">成员</h2><Members ring={r} /></section>
          <section class="panel" aria-labelledby="shared-title"><h2 id="shared-title">共用的标识</h2>
            {r.sharedIdentifiers.length === 0 ? <EmptyState>无。</EmptyState> : <ul>{r.sharedIdentifiers.map((s) => <li>{s.kind === 'phone' ? `电话 ${s.phone ?? ''}` : `预约账号 ${s.bookerAccount ?? ''}`} · {s.members} 名成员共用 · {s.transactions} 笔业务 · {formatTime(s.firstSeen)} — {formatTime(s.lastSeen)}</li>)}</ul>}
          </section>
        </>
      ),
    });
  });
}
