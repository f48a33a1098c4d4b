import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database, Tx } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { isSupervisor, linkedToCase, lockAlert, reasonProblem, refuse, type LockedAlert, type ReviewActor } from './review-rules.ts';

export const DECISIONS = ['CONFIRMED', 'DISMISSED'] as const;
export type Decision = (typeof DECISIONS)[number];

export const decideInput = z.strictObject({ decision: z.enum(DECISIONS), reason: z.string().max(2000) });

export interface DecisionOutcome {
  readonly alertId: string;
  readonly status: 'FIRST_DECIDED' | 'CLOSED' | 'ESCALATED';
  readonly outcome: Decision | null;
  readonly stage: 'SINGLE' | 'FIRST' | 'SECOND';
}

/** Rules that hold before any decision is written, in the order a person would want to hear them. */
function decisionRefusal(actor: ReviewActor, alert: LockedAlert): Result<never> | null {
  if (!isSupervisor(actor.roles)) return refuse('SUPERVISOR_ROLE_REQUIRED');
  if (alert.status === 'CLOSED') return refuse('ALERT_CLOSED');
  if (alert.status === 'ESCALATED') return refuse('ESCALATED_NEEDS_SETTLEMENT');
  if (linkedToCase(actor.handlerId, alert.parties)) return refuse('NOT_LINKED_TO_HANDLER');
  return null;
}

/**
 * A supervisor decides an alert. Single review: the decision closes it. Dual review: the first
 * decision waits (FIRST_DECIDED) for a second, different supervisor; agreement closes the alert,
 * disagreement escalates it to a SENIOR_SUPERVISOR. The decision and its audit entry commit
 * together; the unique (alert, user) index backs "two different users" for any other writer.
 */
export async function decideAlert(db: Database, actor: ReviewActor, alertId: bigint, input: unknown, now = new Date()): Promise<Result<DecisionOutcome>> {
  const parsed = decideInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '决定须为 CONFIRMED 或 DISMISSED，并附理由 (decision and reason required)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  const { decision } = parsed.data;
  const reason = parsed.data.reason.trim();
  return db.prisma.$transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked.ok) return locked;
    const alert = locked.value;
    const refusal = decisionRefusal(actor, alert) ?? reasonProblem(reason);
    if (refusal) return refusal;
    const previous = await tx.alertDecision.findMany({ where: { alertId }, orderBy: { id: 'asc' } });
    if (previous.some((d) => d.userId === actor.userId)) return refuse('DUAL_REVIEW_DISTINCT_USERS');
    const next = nextState(alert.dualReview, previous[0]?.decision as Decision | undefined, decision);
    await tx.alertDecision.create({ data: { alertId, userId: actor.userId, stage: next.stage, decision, reason, createdAt: now } });
    await tx.alert.update({
      where: { id: alertId },
      data: { status: next.status, outcome: next.outcome, closedAt: next.status === 'CLOSED' ? now : null },
    });
    await audit(tx, actor, alertId, { stage: next.stage, decision, reason, status: next.status, outcome: next.outcome }, now);
    return ok({ alertId: alertId.toString(), ...next });
  }, { timeout: 30_000 });
}

function nextState(dual: boolean, first: Decision | undefined, decision: Decision): Omit<DecisionOutcome, 'alertId'> {
  if (!dual) return { status: 'CLOSED', outcome: decision, stage: 'SINGLE' };
  if (first === undefined) return { status: 'FIRST_DECIDED', outcome: null, stage: 'FIRST' };
  return first === decision
    ? { status: 'CLOSED', outcome: decision, stage: 'SECOND' }
    : { status: 'ESCALATED', outcome: null, stage: 'SECOND' };
}

async function audit(tx: Tx, actor: ReviewActor, alertId: bigint, data: Record<string, unknown>, now: Date): Promise<void> {
  await appendAudit(tx, [{ actor: actor.username, action: 'alert.decided', entityType: 'alert', entityId: alertId.toString(), data: { userId: actor.userId.toString(), ...data } }], now);
}
