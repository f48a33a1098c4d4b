import type { AlertView } from '../../../review/get-alert.ts';
import { MIN_REASON } from '../../../review/review-rules.ts';
import { holdsAny, type SignedIn } from '../../http/types.ts';
import { CsrfField, EmptyState } from '../../layout/components.tsx';
import { DECISION_NAMES, formatTime, named, STAGE_NAMES } from '../../layout/format.ts';
import { ALERT_WORKERS } from './access.ts';
import type { Supervisor } from '../lookups.ts';

/** What the viewer typed, kept when a refusal sends the form back. */
export interface DecisionDraft {
  readonly decision?: string;
  readonly reason?: string;
}

const OPEN_FOR_DECISION = new Set(['OPEN', 'ASSIGNED', 'FIRST_DECIDED']);

function ReviewState(props: { alert: AlertView }) {
  const a = props.alert;
  if (!a.dualReview) return <p>单人审核：一名监管民警作出决定即关闭。</p>;
  return (
    <>
      <p>双重审核：须两名不同的监管民警作出一致决定；不一致则升级由科所队领导裁决。已记录 <strong>{a.decisionsRecorded}</strong> 项决定。</p>
      {a.decisionsHidden && a.decisionsRecorded > 0 ? <p class="notice notice-info" role="status">盲审：另一名审核人的决定在您作出自己的决定之前不显示。</p> : null}
    </>
  );
}

function Decisions(props: { alert: AlertView }) {
  if (props.alert.decisions.length === 0) return null;
  return (
    <ul class="decisions">
      {props.alert.decisions.map((d) => (
        <li><strong>{named(STAGE_NAMES, d.stage)}</strong> · {d.username ?? `#${d.userId}`} · {named(DECISION_NAMES, d.decision)} · {formatTime(d.at)}<br />理由：{d.reason}</li>
      ))}
    </ul>
  );
}

function DecisionFields(props: { draft: DecisionDraft; idPrefix: string }) {
  return (
    <>
      <fieldset>
        <legend>决定</legend>
        {(['CONFIRMED', 'DISMISSED'] as const).map((value) => (
          <label class="radio"><input type="radio" name="decision" value={value} required checked={props.draft.decision === value} /> {DECISION_NAMES[value]}</label>
        ))}
      </fieldset>
      <label for={`${props.idPrefix}-reason`}>理由（至少 {MIN_REASON} 个字）</label>
      <textarea id={`${props.idPrefix}-reason`} name="reason" required minlength={MIN_REASON} maxlength={2000}>{props.draft.reason ?? ''}</textarea>
    </>
  );
}

function DecideForm(props: { alert: AlertView; user: SignedIn; draft: DecisionDraft }) {
  return (
    <form method="post" action={`/alerts/${props.alert.id}/decide`} class="stack" aria-label="审核决定">
      <CsrfField user={props.user} />
      <DecisionFields draft={props.draft} idPrefix="decide" />
      <button type="submit" class="primary">提交决定</button>
    </form>
  );
}

function SettleForm(props: { alert: AlertView; user: SignedIn; draft: DecisionDraft }) {
  return (
    <form method="post" action={`/alerts/${props.alert.id}/settle`} class="stack" aria-label="领导裁决">
      <CsrfField user={props.user} />
      <DecisionFields draft={props.draft} idPrefix="settle" />
      <button type="submit" class="primary">提交裁决</button>
    </form>
  );
}

function AssignForm(props: { alert: AlertView; user: SignedIn; people: readonly Supervisor[] }) {
  const candidates = props.alert.status === 'ESCALATED' ? props.people.filter((p) => p.senior) : props.people;
  return (
    <form method="post" action={`/alerts/${props.alert.id}/assign`} class="actions" aria-label="指派">
      <CsrfField user={props.user} />
      <label for="assignee">指派给</label>
      <select id="assignee" name="assigneeId">
        {candidates.map((p) => <option value={p.id}>{p.displayName}（{p.username}）</option>)}
      </select>
      <button type="submit" name="mode" value="manual">指派</button>
      <button type="submit" name="mode" value="auto">自动分配（工作量最少者）</button>
    </form>
  );
}

/** The dual-review state, the decisions the viewer may see, and the forms the viewer may use. */
export function ReviewPanel(props: { alert: AlertView; user: SignedIn; people: readonly Supervisor[]; draft: DecisionDraft }) {
  const { alert, user } = props;
  const worker = holdsAny(user, ALERT_WORKERS);
  const decidedByViewer = alert.decisions.some((d) => d.userId === user.userId.toString());
  const mayDecide = worker && OPEN_FOR_DECISION.has(alert.status) && !decidedByViewer;
  const maySettle = alert.status === 'ESCALATED' && user.roles.includes('SENIOR_SUPERVISOR');
  return (
    <>
      <ReviewState alert={alert} />
      <Decisions alert={alert} />
      {decidedByViewer && alert.status === 'FIRST_DECIDED' ? <p role="status">您已作出决定，等待另一名监管民警审核。</p> : null}
      {alert.status === 'CLOSED' ? <p role="status">告警已关闭，结论：<strong>{named(DECISION_NAMES, alert.outcome)}</strong>（{formatTime(alert.closedAt)}）。</p> : null}
      {alert.status === 'ESCALATED' && !maySettle ? <p role="status">双方决定不一致，已升级，等待科所队领导裁决。</p> : null}
      {mayDecide ? <DecideForm alert={alert} user={user} draft={props.draft} /> : null}
      {maySettle ? <SettleForm alert={alert} user={user} draft={props.draft} /> : null}
      {!worker ? <EmptyState>您的角色只能查看告警（只读）。</EmptyState> : null}
      {worker && alert.status !== 'CLOSED' ? <AssignForm alert={alert} user={user} people={props.people} /> : null}
    </>
  );
}
