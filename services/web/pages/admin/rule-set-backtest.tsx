import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { BacktestReport } from '../../../risk/backtest/index.ts';
import { backtestRuleSet } from '../../../risk/backtest/index.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorFragment, renderPart } from '../../http/render.tsx';
import { findRun, startRun, type Run, type RunWork } from '../../http/runs.ts';
import type { SignedIn } from '../../http/types.ts';
import { EmptyState, Notice } from '../../layout/components.tsx';
import { RunProgress } from '../../layout/progress.tsx';
import { ADMINS } from './access.ts';
import { actorOf } from './actor.ts';

const KIND = 'backtest';

function Overall(props: { report: BacktestReport }) {
  const o = props.report.overall;
  const row = (label: string, live: number, draft: number) => <tr><th scope="row">{label}</th><td class="num">{live}</td><td class="num">{draft}</td><td class="num">{draft - live > 0 ? `+${draft - live}` : draft - live}</td></tr>;
  return (
    <>
      <p>回放 {o.transactions} 笔业务（比较 {o.compared} 笔），用时 {props.report.seconds} 秒；结果变化的业务 <strong>{o.changedTransactions}</strong> 笔：新增告警 {o.alertsRaised}、消除告警 {o.alertsCleared}、新增双审 {o.dualReviewsRaised}、消除双审 {o.dualReviewsCleared}。</p>
      <table class="compact">
        <caption>总体（现行 vs 草案）</caption>
        <thead><tr><th>指标</th><th class="num">现行</th><th class="num">草案</th><th class="num">变化</th></tr></thead>
        <tbody>{row('命中', o.live.hits, o.draft.hits)}{row('告警', o.live.alerts, o.draft.alerts)}{row('双重审核', o.live.dualReviews, o.draft.dualReviews)}{row('评估错误', o.live.errors, o.draft.errors)}</tbody>
      </table>
    </>
  );
}

function PointsTable(props: { report: BacktestReport }) {
  const changed = props.report.points.filter((p) => p.added > 0 || p.removed > 0 || p.live.alerts !== p.draft.alerts || p.weight.live !== p.weight.draft || p.enabled.live !== p.enabled.draft);
  if (changed.length === 0) return <EmptyState>没有风险点的命中或告警数发生变化。</EmptyState>;
  return (
    <table>
      <caption>有变化的风险点</caption>
      <thead><tr><th>风险点</th><th class="num">权重</th><th class="num">命中 现行→草案</th><th class="num">告警 现行→草案</th><th class="num">新增/消失</th><th class="num">不可重放</th></tr></thead>
      <tbody>{changed.map((p) => (
        <tr><td>{p.code} {p.nameZh}</td><td class="num">{p.weight.live}→{p.weight.draft}</td><td class="num">{p.live.hits}→{p.draft.hits}</td><td class="num">{p.live.alerts}→{p.draft.alerts}</td><td class="num">+{p.added} / −{p.removed}</td><td class="num">{p.notReplayable}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function BacktestResult(props: { report: BacktestReport }) {
  const r = props.report;
  return (
    <div class="backtest-report" role="status">
      <Notice kind="ok">回测完成（只读回放，现行数据未被改动）。</Notice>
      <Overall report={r} />
      <PointsTable report={r} />
      {r.changes.length > 0 ? (
        <details><summary>结果变化的业务（前 {r.changes.length} 笔）</summary>
          <ul>{r.changes.map((ch) => <li><a href={`/transactions/${encodeURIComponent(ch.transactionId)}`}>{ch.transactionId}</a>：分值 {ch.before.score}→{ch.after.score}{ch.before.alert !== ch.after.alert ? (ch.after.alert ? '，新增告警' : '，消除告警') : ''}</li>)}</ul>
        </details>
      ) : null}
      <details><summary>回测说明</summary><ul>{r.notes.map((n) => <li>{n}</li>)}</ul></details>
    </div>
  );
}

function RunView(props: { run: Run<BacktestReport>; version: string }) {
  const { run } = props;
  if (run.result === null) return <RunProgress run={run} pollUrl={`/admin/rule-sets/${encodeURIComponent(props.version)}/backtest/${run.id}`} label="回测进行中" unit="笔业务" />;
  if (!run.result.ok) return <Notice kind="error" problems={run.result.error.problems}>{run.result.error.detail}</Notice>;
  return <BacktestResult report={run.result.value} />;
}

/** The backtest as this user may run it now (started again after a restart: by whoever polls it, with their roles of now). */
const backtestAs = (deps: ApiDeps, user: SignedIn): RunWork<{ version: string }, BacktestReport> => (input, report) =>
  backtestRuleSet(deps.ctx.db, actorOf(user), input.version, {}, { onProgress: (p) => report(p.transactions) });

/** POST /admin/rule-sets/:version/backtest starts a backtest; GET …/backtest/:run polls it (progress, then the report). */
export function registerRuleSetBacktest(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/admin/rule-sets/:version/backtest', access: ADMINS }, async (c, user) => {
    const version = pathParam(c, 'version');
    const total = await deps.ctx.db.prisma.transaction.count();
    const run = await startRun(deps.ctx.db, KIND, user.userId, total, { version }, backtestAs(deps, user));
    return renderPart(c, user, '回测', <RunView run={run} version={version} />);
  });
  webPage(app, deps, { method: 'GET', path: '/admin/rule-sets/:version/backtest/:run', access: ADMINS }, async (c, user) => {
    const run = await findRun(deps.ctx.db, pathParam(c, 'run'), KIND, user.userId, backtestAs(deps, user));
    if (!run) return renderErrorFragment(c, { code: 'NOT_FOUND', detail: '回测记录已过期或不存在，请重新回测 (no such backtest run)' });
    return renderPart(c, user, '回测', <RunView run={run} version={pathParam(c, 'version')} />);
  });
}
