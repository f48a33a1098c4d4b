import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { getPersonProfile, type PersonProfile } from '../../../intermediaries/index.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { EmptyState, Facts, Notice } from '../../layout/components.tsx';
import { EvidenceList } from '../../layout/evidence.tsx';
import { formatTime, typeName, withName } from '../../layout/format.ts';
import { referenceNames, type ReferenceNames } from '../lookups.ts';
import { segmentName, SUSPECT_EVIDENCE_TEXT } from './evidence-labels.ts';
import { ROLE_USE_NAMES, RoleUses, SuspectScore, UnmaskToggle } from './parts.tsx';
import { LinksPanel, type LinkDecisionState } from './person-links.tsx';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

const DONE: Readonly<Record<string, string>> = { confirmed: '已确认为同一人，两条记录合并显示（已记入审计）。', split: '已拆分为不同人，不再合并或建议（已记入审计）。' };

function Used(props: { title: string; rows: ReadonlyArray<{ value: string; roles: string[]; firstSeen: string | null; lastSeen: string | null; transactions: number }> }) {
  if (props.rows.length === 0) return null;
  return (
    <table class="compact">
      <caption>{props.title}</caption>
      <thead><tr><th>{props.title}</th><th>角色</th><th class="num">业务</th><th>首次</th><th>最近</th></tr></thead>
      <tbody>{props.rows.map((r) => <tr><td>{r.value}</td><td>{r.roles.map((x) => ROLE_USE_NAMES[x] ?? x).join('、')}</td><td class="num">{r.transactions}</td><td>{formatTime(r.firstSeen)}</td><td>{formatTime(r.lastSeen)}</td></tr>)}</tbody>
    </table>
  );
}

function Suspect(props: { p: PersonProfile }) {
  const s = props.p.suspect;
  if (!s) return <p>未列为黄牛嫌疑人。</p>;
  return (
    <>
      <p>嫌疑分 <SuspectScore score={s.score} />（{segmentName(s.segment)}），更新于 {formatTime(s.updatedAt)}{s.ringId ? <>；所属团伙 <a href={`/investigate/rings/${encodeURIComponent(s.ringId)}`}>{s.ringId}</a></> : null}</p>
      <ul>{s.reasons.map((r) => <li>{r}</li>)}</ul>
      <details><summary>证据</summary><EvidenceList evidence={s.evidence} text={SUSPECT_EVIDENCE_TEXT} /></details>
    </>
  );
}

function Timeline(props: { p: PersonProfile; names: ReferenceNames }) {
  const { p } = props;
  const { stations, handlers } = props.names;
  if (p.timeline.length === 0) return <EmptyState>没有业务记录。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption>业务时间线（{p.timeline.length} / {p.timelineTotal} 笔）</caption>
      <thead><tr><th>受理时间</th><th>业务</th><th>角色</th><th>申请人</th><th>代办人</th><th>站点 / 经办人</th><th>车辆</th></tr></thead>
      <tbody>{p.timeline.map((t) => (
        <tr>
          <td>{formatTime(t.acceptedAt)}</td>
          <td><a href={`/transactions/${encodeURIComponent(t.transactionId)}`}>{t.transactionId}</a><br /><small>{typeName(t.type)}</small></td>
          <td>{ROLE_USE_NAMES[t.role] ?? t.role}</td>
          <td>{t.applicant.name ?? '—'}<br /><small>{t.applicant.idNumber ?? t.applicant.orgCode ?? ''}</small></td>
          <td>{t.agent ? <a href={`/investigate/persons/${encodeURIComponent(t.agent.ref)}`}>{t.agent.name ?? t.agent.idNumber}</a> : '—'}</td>
          <td>{withName(t.stationCode, stations)}<br /><small>{withName(t.handlerId, handlers)}</small></td>
          <td>{t.plate ?? ''} <small>{t.vin ?? ''}</small></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/** The current name, then the others the records carry (曾用名: names replaced, or used on their transactions). */
function nameFact(p: PersonProfile): string | null {
  const others = p.names.filter((n) => n !== p.name);
  if (p.name === null) return others.join('、') || null;
  return others.length > 0 ? `${p.name}（曾用名 ${others.join('、')}）` : p.name;
}

function Profile(props: { p: PersonProfile; names: ReferenceNames; user: SignedIn; unmask: boolean; state: LinkDecisionState | null }) {
  const { p } = props;
  return (
    <>
      <Facts items={[
        ['姓名', nameFact(p)], ['身份号码', p.idNumber ?? p.orgCode], ['校验', p.identity.valid ? '号码有效' : `号码无效（${p.identity.problem ?? ''}）`],
        ['出生日期', p.identity.birthDate], ['年龄', p.identity.age === null ? null : String(p.identity.age)], ['合并的记录', String(p.merged.length)],
        ['黑名单', p.standing.blacklisted.join('；') || '无'], ['关注名单', p.standing.watchlisted.join('；') || '无'],
        ['单位职员', p.standing.clerkOf.map((o) => o.name).join('、') || '无'], ['经办人身份', p.standing.handlerIds.join('、') || '无'],
      ]} />
      <section class="panel" aria-labelledby="suspect-title"><h2 id="suspect-title">黄牛嫌疑</h2><Suspect p={p} /></section>
      <section class="panel" aria-labelledby="roles-title"><h2 id="roles-title">角色</h2><RoleUses roles={p.roles} />
        <Used title="电话" rows={p.phones.map(({ phone, ...r }) => ({ value: phone, ...r }))} />
        <Used title="地址" rows={p.addresses.map(({ address, ...r }) => ({ value: address, ...r }))} />
      </section>
      <LinksPanel p={p} user={props.user} unmask={props.unmask} state={props.state} />
      <section class="panel" aria-labelledby="timeline-title"><h2 id="timeline-title">时间线</h2><Timeline p={p} names={props.names} /></section>
    </>
  );
}

/** The profile page; re-rendered with the refusal beside the link when a link decision is refused. */
export async function renderPersonPage(c: WebContext, deps: ApiDeps, user: SignedIn, ref: string, state: LinkDecisionState | null = null): Promise<Response> {
  const viewer = viewerOf(c, user);
  const found = await getPersonProfile(deps.ctx.db, viewer, ref);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const names = await referenceNames(deps.ctx.db, { stations: found.value.timeline.map((t) => t.stationCode), handlers: found.value.timeline.map((t) => t.handlerId) });
  const done = DONE[c.req.query('done') ?? ''];
  return renderPage(c, {
    title: `人员档案 · ${found.value.name ?? found.value.names[0] ?? ''}`, user,
    shortcuts: [['j / k', '时间线下一条 / 上一条']],
    children: (
      <>
        <p><a href="/investigate">← 返回查询</a></p>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        <UnmaskToggle c={c} unmasked={viewer.unmask} path={`/investigate/persons/${encodeURIComponent(ref)}`} />
        <Profile p={found.value} names={names} user={user} unmask={viewer.unmask} state={state} />
      </>
    ),
  }, state ? statusOf(state.error) : 200);
}

/** GET /investigate/persons/:personKey — the merged profile with its links and timeline (INVESTIGATOR; audited read). */
export function registerInvestigatePerson(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/investigate/persons/:personKey', access: INVESTIGATION_ROLES }, (c, user) => renderPersonPage(c, deps, user, pathParam(c, 'personKey')));
}
