import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { DECISIONS, type Decision } from './decide-alert.ts';
import { linkedToCase, lockAlert, reasonProblem, refuse, type ReviewActor } from './review-rules.ts';

export const settleInput = z.strictObject({ decision: z.enum(DECISIONS), reason: z.string().max(2000) });

export interface Settlement {
  readonly alertId: string;
  readonly status: 'CLOSED';
  readonly outcome: Decision;
}

/**
 * A SENIOR_SUPERVISOR who was neither of the two reviewers settles an ESCALATED alert. Holding
 * SENIOR_SUPERVISOR does not let a first reviewer overrule the second: that is the whole point.
 */
export async function settleAlert(db: Database, actor: ReviewActor, alertId: bigint, input: unknown, now = new Date()): Promise<Result<Settlement>> {
  const parsed = settleInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '裁决须为 CONFIRMED 或 DISMISSED，并附理由 (decision and reason required)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  const reason = parsed.data.reason.trim();
  return db.prisma.$transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked.ok) return locked;
    const alert = locked.value;
    if (!actor.roles.includes('SENIOR_SUPERVISOR')) return refuse('SENIOR_ROLE_REQUIRED');
    if (alert.status !== 'ESCALATED') return refuse('NOT_ESCALATED');
    const reviewers = await tx.alertDecision.findMany({ where: { alertId }, select: { userId: true } });
    if (reviewers.some((r) => r.userId === actor.userId)) return refuse('SENIOR_NOT_A_REVIEWER');
    if (linkedToCase(actor.handlerId, alert.parties)) return refuse('NOT_LINKED_TO_HANDLER');
    const short = reasonProblem(reason);
    if (short) return short;
    await tx.alertDecision.create({ data: { alertId, userId: actor.userId, stage: 'SETTLEMENT', decision: parsed.data.decision, reason, createdAt: now } });
    await tx.alert.update({ where: { id: alertId }, data: { status: 'CLOSED', outcome: parsed.data.decision, closedAt: now } });
    await appendAudit(tx, [{
      actor: actor.username, action: 'alert.settled', entityType: 'alert', entityId: alertId.toString(),
      data: { userId: actor.userId.toString(), decision: parsed.data.decision, reason },
    }], now);
    return ok({ alertId: alertId.toString(), status: 'CLOSED' as const, outcome: parsed.data.decision });
  }, { timeout: 30_000 });
}
