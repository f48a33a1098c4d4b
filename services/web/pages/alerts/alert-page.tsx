import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { unmaskRequested } from '../../../api/unmask.ts';
import { mayUnmask } from '../../../auth/masking.ts';
import type { AppError } from '../../../platform/errors.ts';
import { getAlert, type AlertView } from '../../../review/get-alert.ts';
import { bigintParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { EmptyState, Facts, Notice } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { MaterialList, photoRows, PhotoStrip, TransactionFacts } from '../transactions/transaction-parts.tsx';
import { ALERT_READERS } from './access.ts';
import { AlertHistory, alertHistory } from './alert-history.tsx';
import { SeverityBadge, SlaBadge, StatusBadge } from './badges.tsx';
import { NO_NAMES, referenceNamesOf, supervisors } from '../lookups.ts';
import { ReviewPanel, type DecisionDraft } from './review-panel.tsx';
import { ScoreBreakdown } from './score-breakdown.tsx';

export interface AlertPageState {
  /** A refusal or invalid input from the form just sent. */
  readonly error?: AppError;
  readonly draft?: DecisionDraft;
}

const DONE: Readonly<Record<string, string>> = { decided: '已记录您的决定。', assigned: '已指派。', settled: '已裁决，告警已关闭。' };

const RELATION_NAMES: Readonly<Record<string, string>> = { SAME_AGENT: '同一代办人', SAME_APPLICANT: '同一申请人', SAME_VEHICLE: '同一车辆' };

function Related(props: { alert: AlertView }) {
  if (props.alert.relatedOpenAlerts.length === 0) return <EmptyState>没有相关的未结告警。</EmptyState>;
  return (
    <ul>
      {props.alert.relatedOpenAlerts.map((r) => (
        <li><a href={`/alerts/${r.alertId}`}>告警 #{r.alertId}</a>（{r.transactionId}）：{r.reasons.map((x) => RELATION_NAMES[x] ?? x).join('、')}</li>
      ))}
    </ul>
  );
}

function Summary(props: { alert: AlertView }) {
  const a = props.alert;
  return (
    <Facts items={[
      ['严重度', <SeverityBadge severity={a.severity} />], ['分值', String(a.score)], ['状态', <StatusBadge status={a.status} />],
      ['审核方式', a.dualReview ? '双重审核' : '单人审核'], ['时限', <><SlaBadge state={a.slaState} /> <span class="nowrap">截止 {formatTime(a.slaDueAt)}</span></>],
      ['产生时间', formatTime(a.createdAt)], ['指派给', a.assignees.map((p) => p.username).join('、') || '—'],
    ]} />
  );
}

function MaskNote(props: { alert: AlertView; user: SignedIn }) {
  if (!props.alert.masked) return <p class="notice notice-info" role="status">正在显示完整个人信息（本次查看已记入审计）。<a href={`/alerts/${props.alert.id}`}>恢复脱敏显示</a></p>;
  if (!mayUnmask(props.user, 'alert')) return <p class="muted">个人信息已脱敏。</p>;
  return <p class="muted">个人信息已脱敏。<a href={`/alerts/${props.alert.id}?unmask=true`}>显示完整个人信息</a>（将记入审计）</p>;
}

/** The alert page; also re-rendered (with the error and what was typed) when a form is refused. */
export async function renderAlertPage(c: WebContext, deps: ApiDeps, user: SignedIn, id: bigint, state: AlertPageState = {}): Promise<Response> {
  const db = deps.ctx.db;
  const exists = await db.prisma.alert.findUnique({ where: { id }, select: { id: true } });
  if (!exists) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: `没有告警 ${id} (no such alert)` });
  const unmask = c.req.method === 'GET' ? await unmaskRequested(c, deps, 'alert', { type: 'alert', id: id.toString() }) : { ok: true as const, value: false };
  if (!unmask.ok) return renderErrorPage(c, user, unmask.error);
  const found = await getAlert(db, id, user.userId, { unmask: unmask.value });
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const alert = found.value;
  const [photos, history, people, names] = await Promise.all([
    photoRows(db, alert.transactionId), alertHistory(db, alert.id), supervisors(db), alert.transaction ? referenceNamesOf(db, alert.transaction) : NO_NAMES,
  ]);
  const done = DONE[c.req.query('done') ?? ''];
  return renderPage(c, {
    title: `告警 #${alert.id}`, user,
    children: (
      <>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {state.error ? <Notice kind="error" problems={state.error.problems}>{state.error.detail}{state.error.extensions?.rule ? <>（规则 <code>{String(state.error.extensions.rule)}</code>）</> : null}</Notice> : null}
        <Summary alert={alert} />
        <div class="two-col">
          <div>
            <section class="panel" aria-labelledby="score-title"><h2 id="score-title">评分明细</h2><ScoreBreakdown assessment={alert.assessment} score={alert.score} /></section>
            <section class="panel" aria-labelledby="tx-title">
              <h2 id="tx-title">业务流水</h2>
              <MaskNote alert={alert} user={user} />
              {alert.transaction ? <TransactionFacts doc={alert.transaction} names={names} /> : <EmptyState>业务流水不可用。</EmptyState>}
              <h3>材料</h3>{alert.transaction ? <MaterialList doc={alert.transaction} /> : null}
              <h3>查验照片</h3><PhotoStrip photos={photos} transactionId={alert.transactionId} />
            </section>
          </div>
          <div>
            <section class="panel" aria-labelledby="review-title"><h2 id="review-title">审核</h2><ReviewPanel alert={alert} user={user} people={people} draft={state.draft ?? {}} /></section>
            <section class="panel" aria-labelledby="related-title"><h2 id="related-title">相关未结告警</h2><Related alert={alert} /></section>
            <section class="panel" aria-labelledby="history-title"><h2 id="history-title">处理记录</h2><AlertHistory entries={history} blind={alert.decisionsHidden} viewer={user.username} /></section>
          </div>
        </div>
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** GET /alerts/:id — the case whole: score by hit, the transaction, review state and forms, related alerts, history. */
export function registerAlertPage(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/alerts/:id', access: ALERT_READERS }, async (c, user) => {
    const id = bigintParam(c.req.param('id'));
    if (id === null) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: `没有告警 ${c.req.param('id')} (no such alert)` });
    return renderAlertPage(c, deps, user, id);
  });
}
