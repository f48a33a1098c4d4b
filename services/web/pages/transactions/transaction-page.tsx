import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { unmaskRequested } from '../../../api/unmask.ts';
import { maskPersonalData, mayUnmask } from '../../../auth/masking.ts';
import { getTransaction } from '../../../ingest/queries.ts';
import type { Database } from '../../../platform/db.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage } from '../../http/render.tsx';
import { EmptyState } from '../../layout/components.tsx';
import { formatTime, named, TRANSACTION_STATUS_NAMES } from '../../layout/format.ts';
import { SeverityBadge, StatusBadge } from '../alerts/badges.tsx';
import { referenceNamesOf } from '../lookups.ts';
import { MaterialList, photoRows, PhotoStrip, TransactionFacts } from './transaction-parts.tsx';

const TRIGGER_NAMES: Readonly<Record<string, string>> = { INGEST: '入库评估', PHOTOS: '照片检测后重评', RINGS: '团伙识别后重评', SWEEP: '容缺清扫重评' };

async function assessmentsAndAlerts(db: Database, id: string) {
  const [assessments, alerts] = await Promise.all([
    db.prisma.assessment.findMany({ where: { transactionId: id }, orderBy: { id: 'desc' }, take: 20, select: { id: true, transactionVersion: true, ruleSetVersion: true, score: true, alert: true, trigger: true, current: true, createdAt: true, hits: { select: { riskPoint: true } } } }),
    db.prisma.alert.findMany({ where: { transactionId: id }, orderBy: { id: 'desc' }, select: { id: true, status: true, severity: true, score: true, createdAt: true } }),
  ]);
  return { assessments, alerts };
}

/** GET /transactions/:id — any signed-in user (as the API): the case, its materials, photos, versions, assessments and alerts. */
export function registerTransactionPage(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/transactions/:id', access: 'ANY' }, async (c, user) => {
    const id = pathParam(c, 'id');
    const found = await getTransaction(deps.ctx.db, id);
    if (!found.ok) return renderErrorPage(c, user, found.error);
    const unmask = await unmaskRequested(c, deps, 'transaction', { type: 'transaction', id });
    if (!unmask.ok) return renderErrorPage(c, user, unmask.error);
    const view = unmask.value ? found.value : maskPersonalData(found.value);
    const [photos, related, names] = await Promise.all([photoRows(deps.ctx.db, id), assessmentsAndAlerts(deps.ctx.db, id), referenceNamesOf(deps.ctx.db, view.transaction)]);
    const base = `/transactions/${encodeURIComponent(id)}`;
    return renderPage(c, {
      title: `业务流水 ${id}`, user,
      children: (
        <>
          {unmask.value ? <p class="notice notice-info" role="status">正在显示完整个人信息（本次查看已记入审计）。<a href={base}>恢复脱敏显示</a></p>
            : <p class="muted">个人信息已脱敏。{mayUnmask(user, 'transaction') ? <><a href={`${base}?unmask=true`}>显示完整个人信息</a>（将记入审计）</> : null}</p>}
          <section class="panel" aria-labelledby="facts-title"><h2 id="facts-title">业务信息</h2><TransactionFacts doc={view.transaction} names={names} /></section>
          <section class="panel" aria-labelledby="materials-title"><h2 id="materials-title">材料</h2><MaterialList doc={view.transaction} /></section>
          <section class="panel" aria-labelledby="photos-title"><h2 id="photos-title">查验照片</h2><PhotoStrip photos={photos} transactionId={id} /></section>
          <section class="panel" aria-labelledby="alerts-title">
            <h2 id="alerts-title">告警与评估</h2>
            {related.alerts.length === 0 ? <p>未产生告警。</p> : (
              <ul>{related.alerts.map((a) => <li><a href={`/alerts/${a.id}`}>告警 #{a.id.toString()}</a> <SeverityBadge severity={a.severity} /> <StatusBadge status={a.status} /> 分值 {a.score} · {formatTime(a.createdAt)}</li>)}</ul>
            )}
            {related.assessments.length === 0 ? <EmptyState>尚无评估。</EmptyState> : (
              <table>
                <caption class="sr-only">评估历史</caption>
                <thead><tr><th>评估</th><th>版本</th><th>规则集</th><th class="num">分值</th><th>命中</th><th>原因</th><th>时间</th></tr></thead>
                <tbody>{related.assessments.map((a) => (
                  <tr><td>#{a.id.toString()}{a.current ? '（现行）' : ''}</td><td>{a.transactionVersion}</td><td><code>{a.ruleSetVersion}</code></td><td class="num">{a.score}</td>
                    <td>{a.hits.map((h) => h.riskPoint).join(' ') || '—'}</td><td>{TRIGGER_NAMES[a.trigger] ?? a.trigger}</td><td>{formatTime(a.createdAt)}</td></tr>
                ))}</tbody>
              </table>
            )}
          </section>
          <section class="panel" aria-labelledby="revisions-title">
            <h2 id="revisions-title">版本历史</h2>
            <table>
              <caption class="sr-only">收到的每个版本</caption>
              <thead><tr><th>版本</th><th>状态</th><th>收到时间</th><th>内容摘要 (SHA-256)</th></tr></thead>
              <tbody>{view.revisions.map((r) => <tr><td>{r.version}</td><td>{named(TRANSACTION_STATUS_NAMES, r.status)}</td><td>{formatTime(r.receivedAt)}</td><td><code>{r.payloadSha256.slice(0, 16)}…</code></td></tr>)}</tbody>
            </table>
          </section>
        </>
      ),
    });
  });
}
