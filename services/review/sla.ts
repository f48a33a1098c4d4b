/** SLA states: BREACHED past the deadline, NEAR_BREACH within the last 20 % of the window. */
export const SLA_STATES = ['ON_TIME', 'NEAR_BREACH', 'BREACHED'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const NEAR_BREACH_SHARE = 0.2;

/** A closed alert keeps the state it closed in; an open one is judged against `now`. */
export function slaState(alert: { createdAt: Date; slaDueAt: Date; closedAt: Date | null }, now = new Date()): SlaState {
  const at = (alert.closedAt ?? now).getTime();
  const due = alert.slaDueAt.getTime();
  if (at > due) return 'BREACHED';
  const window = due - alert.createdAt.getTime();
  return due - at <= window * NEAR_BREACH_SHARE ? 'NEAR_BREACH' : 'ON_TIME';
}

/** The same test in SQL (alias `a`), so lists can filter and count by SLA state. */
export function slaSql(state: SlaState, nowParam: string): string {
  const at = `COALESCE(a.closed_at, ${nowParam})`;
  const nearFrom = `a.sla_due_at - (a.sla_due_at - a.created_at) * ${NEAR_BREACH_SHARE}`;
  if (state === 'BREACHED') return `${at} > a.sla_due_at`;
  if (state === 'NEAR_BREACH') return `${at} <= a.sla_due_at AND ${at} >= ${nearFrom}`;
  return `${at} < ${nearFrom}`;
}
