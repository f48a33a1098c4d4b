import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database, Tx } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { OPEN_ALERT_STATUSES } from './raise-alerts.ts';
import { isSupervisor, linkedToCase, lockAlert, refuse, type LockedAlert, type ReviewActor } from './review-rules.ts';

export const assignInput = z.union([
  z.strictObject({ assigneeId: z.string().regex(/^\d{1,18}$/) }),
  z.strictObject({ auto: z.literal(true) }),
]);

export interface Assignment {
  readonly alertId: string;
  readonly status: string;
  readonly assigneeIds: string[];
  readonly assigned: { id: string; username: string };
}

interface Candidate { id: bigint; username: string; roles: string[]; handlerId: string | null; active: boolean }

/**
 * Who may be given this alert: an active supervisor not linked to the case who has not decided it
 * (an ESCALATED alert needs a SENIOR_SUPERVISOR who was neither reviewer). Answers the rule that
 * excludes a candidate, or null when eligible.
 */
function ineligibility(user: Candidate, alert: LockedAlert, deciders: readonly bigint[]): Result<never> | null {
  if (!user.active || !isSupervisor(user.roles)) return refuse('ASSIGNEE_NOT_ELIGIBLE', '被指派人须为在岗的监管民警 (assignee must be an active SUPERVISOR)');
  if (alert.status === 'ESCALATED' && !user.roles.includes('SENIOR_SUPERVISOR')) return refuse('ASSIGNEE_NOT_ELIGIBLE', '已升级告警须指派给科所队领导 (escalated alerts go to a SENIOR_SUPERVISOR)');
  if (linkedToCase(user.handlerId, alert.parties)) return refuse('NOT_LINKED_TO_HANDLER');
  if (deciders.includes(user.id)) return refuse(alert.status === 'ESCALATED' ? 'SENIOR_NOT_A_REVIEWER' : 'DUAL_REVIEW_DISTINCT_USERS');
  return null;
}

/** Open alerts each candidate still has to decide: the load that automatic assignment balances. */
async function loads(tx: Tx, ids: readonly bigint[]): Promise<Map<bigint, number>> {
  const rows = await tx.$queryRawUnsafe<Array<{ user_id: bigint; n: bigint }>>(
    `SELECT u.id AS user_id, count(a.id) AS n FROM unnest($1::bigint[]) AS u(id)
     LEFT JOIN alert a ON u.id = ANY(a.assignee_ids) AND a.status = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM alert_decision d WHERE d.alert_id = a.id AND d.user_id = u.id)
     GROUP BY u.id`, ids.map(String), [...OPEN_ALERT_STATUSES],
  );
  return new Map(rows.map((r) => [BigInt(r.user_id), Number(r.n)]));
}

async function pickAuto(tx: Tx, alert: LockedAlert, deciders: readonly bigint[]): Promise<Result<Candidate>> {
  const users = await tx.user.findMany({ where: { active: true, roles: { hasSome: ['SUPERVISOR', 'SENIOR_SUPERVISOR'] } }, orderBy: { id: 'asc' } });
  const eligible = users.filter((u) => !alert.assigneeIds.includes(u.id) && ineligibility(u, alert, deciders) === null);
  if (eligible.length === 0) return refuse('NO_ELIGIBLE_USER');
  const load = await loads(tx, eligible.map((u) => u.id));
  eligible.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
  return ok(eligible[0]!);
}

/** A supervisor assigns an alert by hand, or lets the least-loaded eligible supervisor take it. */
export async function assignAlert(db: Database, actor: ReviewActor, alertId: bigint, input: unknown, now = new Date()): Promise<Result<Assignment>> {
  if (!isSupervisor(actor.roles)) return refuse('SUPERVISOR_ROLE_REQUIRED');
  const parsed = assignInput.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '须给出 assigneeId 或 auto: true (assigneeId or auto: true)');
  return db.prisma.$transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked.ok) return locked;
    const alert = locked.value;
    if (alert.status === 'CLOSED') return refuse('ALERT_CLOSED');
    const deciders = (await tx.alertDecision.findMany({ where: { alertId }, select: { userId: true } })).map((d) => d.userId);
    let chosen: Result<Candidate>;
    if ('auto' in parsed.data) chosen = await pickAuto(tx, alert, deciders);
    else {
      const user = await tx.user.findUnique({ where: { id: BigInt(parsed.data.assigneeId) } });
      chosen = user ? (ineligibility(user, alert, deciders) ?? ok(user)) : fail('NOT_FOUND', `没有用户 ${parsed.data.assigneeId} (no such user)`);
    }
    if (!chosen.ok) return chosen;
    const assigneeIds = alert.assigneeIds.includes(chosen.value.id) ? alert.assigneeIds : [...alert.assigneeIds, chosen.value.id];
    const status = alert.status === 'OPEN' ? 'ASSIGNED' : alert.status;
    await tx.alert.update({ where: { id: alertId }, data: { assigneeIds, status } });
    await appendAudit(tx, [{
      actor: actor.username, action: 'alert.assigned', entityType: 'alert', entityId: alertId.toString(),
      data: { assigneeId: chosen.value.id.toString(), assignee: chosen.value.username, auto: 'auto' in parsed.data, status },
    }], now);
    return ok({ alertId: alertId.toString(), status, assigneeIds: assigneeIds.map(String), assigned: { id: chosen.value.id.toString(), username: chosen.value.username } });
  }, { timeout: 30_000 });
}
