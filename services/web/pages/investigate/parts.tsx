import type { RoleUse } from '../../../intermediaries/index.ts';
import { Badge } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import type { WebContext } from '../../http/types.ts';
import { withUnmask } from './viewer.ts';

export const ROLE_USE_NAMES: Readonly<Record<string, string>> = { APPLICANT: '申请人', AGENT: '代办人', BOOKER: '预约人', CONTACT: '联系人', RECORD: '登记信息' };

const day = (iso: string | null) => (iso ? formatTime(iso).slice(0, 10) : '—');

/** "代办人 12 笔 2026-03-01 — 2026-03-09" per role. */
export function RoleUses(props: { roles: readonly RoleUse[] }) {
  return (
    <ul class="plain">
      {props.roles.map((r) => <li><strong>{ROLE_USE_NAMES[r.role] ?? r.role}</strong> {r.transactions} 笔 · {day(r.firstSeen)} — {day(r.lastSeen)}{r.via ? <small class="muted">（{r.via}）</small> : null}</li>)}
    </ul>
  );
}

export function SuspectScore(props: { score: number | null | undefined }) {
  if (props.score === null || props.score === undefined) return <span class="muted">—</span>;
  return <Badge tone={props.score >= 70 ? 'high' : props.score >= 40 ? 'medium' : 'low'}>{props.score}</Badge>;
}

/** Masked by default; whole on request, which the use case audits. */
export function UnmaskToggle(props: { c: WebContext; unmasked: boolean; path?: string }) {
  return props.unmasked
    ? <p class="notice notice-info" role="status">正在显示完整个人信息（本次查询已记入审计）。<a href={withUnmask(props.c, false, props.path)}>恢复脱敏显示</a></p>
    : <p class="muted">个人信息已脱敏。<a href={withUnmask(props.c, true, props.path)}>显示完整个人信息</a>（将记入审计）</p>;
}
