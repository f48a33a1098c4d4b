import { RISK_POINTS } from '../../../risk/points/index.ts';
import { Badge, type Tone } from '../../layout/components.tsx';
import { ALERT_STATUS_NAMES, SEVERITY_NAMES, SLA_NAMES } from '../../layout/format.ts';

const SEVERITY_TONES: Readonly<Record<string, Tone>> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };
const SLA_TONES: Readonly<Record<string, Tone>> = { ON_TIME: 'ok', NEAR_BREACH: 'warn', BREACHED: 'bad' };
const STATUS_TONES: Readonly<Record<string, Tone>> = { OPEN: 'neutral', ASSIGNED: 'low', FIRST_DECIDED: 'medium', ESCALATED: 'high', CLOSED: 'ok' };

export const POINT_NAMES: ReadonlyMap<string, string> = new Map(RISK_POINTS.map((p) => [p.code, p.nameZh]));
export const DUAL_REVIEW_POINTS: ReadonlySet<string> = new Set(RISK_POINTS.filter((p) => p.dualReview).map((p) => p.code));

export function SeverityBadge(props: { severity: string }) {
  return <Badge tone={SEVERITY_TONES[props.severity] ?? 'neutral'}>{SEVERITY_NAMES[props.severity] ?? props.severity}</Badge>;
}

export function SlaBadge(props: { state: string }) {
  return <Badge tone={SLA_TONES[props.state] ?? 'neutral'}>{SLA_NAMES[props.state] ?? props.state}</Badge>;
}

export function StatusBadge(props: { status: string }) {
  return <Badge tone={STATUS_TONES[props.status] ?? 'neutral'}>{ALERT_STATUS_NAMES[props.status] ?? props.status}</Badge>;
}

/** Risk point codes with their names on hover and for screen readers. */
export function PointCodes(props: { codes: readonly string[] }) {
  return (
    <span class="points">
      {props.codes.map((code, i) => <>{i > 0 ? ' ' : ''}<abbr title={POINT_NAMES.get(code) ?? code}>{code}</abbr></>)}
    </span>
  );
}
