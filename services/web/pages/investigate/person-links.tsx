/**
 * The links of a person profile: other records that may be the same person, each with its
 * confidence and reasons, and the investigator's decision — confirm (one person: merged in the
 * profile) or split (two people: never merged, never suggested again), with a note, audited by
 * the use case. A decided link can be changed the other way, audited again.
 */
import { AUTO_MERGE_CONFIDENCE, type LinkView, type PersonProfile } from '../../../intermediaries/index.ts';
import type { AppError } from '../../../platform/errors.ts';
import type { SignedIn } from '../../http/types.ts';
import { Badge, CsrfField, Notice, type Tone } from '../../layout/components.tsx';
import { EvidenceList } from '../../layout/evidence.tsx';
import { formatTime } from '../../layout/format.ts';
import { LINK_EVIDENCE_TEXT } from './evidence-labels.ts';

/** The use case refuses shorter notes (rule REASON_TOO_SHORT). */
export const MIN_LINK_NOTE = 4;

const STATUS: Readonly<Record<string, readonly [string, Tone]>> = { SUGGESTED: ['系统建议，待判定', 'warn'], CONFIRMED: ['已确认同一人', 'ok'], SPLIT: ['已拆分（不同人）', 'neutral'] };

/** What the investigator typed for one link, kept when the decision is refused. */
export interface LinkDecisionState {
  readonly linkId: string;
  readonly error: AppError;
  readonly note: string;
}

/** Whole personal data stays whole after the decision: the choice travels in the URL, as on every page. */
const decideUrl = (p: PersonProfile, link: LinkView, unmask: boolean) => `/investigate/persons/${encodeURIComponent(p.ref)}/links/${link.id}/decide${unmask ? '?unmask=true' : ''}`;

function DecideForm(props: { p: PersonProfile; link: LinkView; user: SignedIn; unmask: boolean; state: LinkDecisionState | null }) {
  const { link, state } = props;
  const who = link.name ?? link.idNumber;
  const id = `link-note-${link.id}`;
  return (
    <form method="post" action={decideUrl(props.p, link, props.unmask)} class="link-decision" aria-label={`判定关联：${who}`}>
      <CsrfField user={props.user} />
      <label for={id}>判定说明（至少 {MIN_LINK_NOTE} 个字，记入审计）
        <textarea id={id} name="note" required minlength={MIN_LINK_NOTE} maxlength={2000}>{state?.note ?? ''}</textarea>
      </label>
      {link.status !== 'CONFIRMED' ? <button type="submit" name="decision" value="CONFIRM" class="primary">确认为同一人</button> : null}
      {link.status !== 'SPLIT' ? <button type="submit" name="decision" value="SPLIT" class="danger">拆分为不同人</button> : null}
    </form>
  );
}

function Decision(props: { link: LinkView }) {
  const { link } = props;
  if (link.status === 'SUGGESTED') {
    return link.confidence >= AUTO_MERGE_CONFIDENCE ? <small class="muted">置信度高，判定前已合并显示在本档案中。</small> : null;
  }
  return <small>{link.decidedBy} · {formatTime(link.decidedAt)}{link.note ? <>：{link.note}</> : null}</small>;
}

function LinkItem(props: { p: PersonProfile; link: LinkView; user: SignedIn; unmask: boolean; state: LinkDecisionState | null }) {
  const { link, state } = props;
  const [label, tone] = STATUS[link.status] ?? [link.status, 'neutral'];
  const refused = state?.linkId === link.id ? state : null;
  const rule = typeof refused?.error.extensions?.rule === 'string' ? refused.error.extensions.rule : null;
  return (
    <li class="link-item" id={`link-${link.id}`}>
      <div>
        <a href={`/investigate/persons/${encodeURIComponent(link.ref)}${props.unmask ? '?unmask=true' : ''}`}>{link.name ?? '（无姓名）'}</a>（{link.idNumber}）
        · 置信度 <strong>{link.confidence.toFixed(2)}</strong> · <Badge tone={tone}>{label}</Badge> <Decision link={link} />
      </div>
      <div>依据：{link.reasons.join('；')} <details class="inline-details"><summary>证据</summary><EvidenceList evidence={link.evidence} text={LINK_EVIDENCE_TEXT} /></details></div>
      {refused ? <Notice kind="error" problems={refused.error.problems}>{refused.error.detail}{rule ? <>（规则 <code>{rule}</code>）</> : null}</Notice> : null}
      {link.status === 'SUGGESTED'
        ? <DecideForm {...props} state={refused} />
        : <details open={refused !== null}><summary>更改判定</summary><DecideForm {...props} state={refused} /></details>}
    </li>
  );
}

export function LinksPanel(props: { p: PersonProfile; user: SignedIn; unmask: boolean; state: LinkDecisionState | null }) {
  const { p } = props;
  if (p.links.length === 0) return null;
  const open = p.links.filter((l) => l.status === 'SUGGESTED').length;
  return (
    <section class="panel" aria-labelledby="links-title">
      <h2 id="links-title">可能为同一人的记录</h2>
      <p class="muted">共 {p.links.length} 条关联，{open} 条待判定。确认后两条记录合并显示；拆分后不再合并，也不再建议。每次判定均记入审计，之后仍可更改。</p>
      <ul class="links">{p.links.map((link) => <LinkItem {...props} link={link} />)}</ul>
    </section>
  );
}
