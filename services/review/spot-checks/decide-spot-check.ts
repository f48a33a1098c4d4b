/** The drawn reviewer records whether the spot-checked transaction conforms, with a reason. */
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { reasonProblem, refuse, type ReviewActor } from '../review-rules.ts';

export const SPOT_CHECK_RESULTS = ['CONFORMING', 'NONCONFORMING'] as const;

export const decideSpotCheckInput = z.strictObject({ result: z.enum(SPOT_CHECK_RESULTS), reason: z.string().max(2000) });

export interface SpotCheckDecision {
  readonly itemId: string;
  readonly transactionId: string;
  readonly result: (typeof SPOT_CHECK_RESULTS)[number];
}

export async function decideSpotCheck(db: Database, actor: ReviewActor, itemId: bigint, input: unknown, now = new Date()): Promise<Result<SpotCheckDecision>> {
  const parsed = decideSpotCheckInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '结论须为 CONFORMING 或 NONCONFORMING，并附理由 (result and reason required)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  const reason = parsed.data.reason.trim();
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: bigint; transaction_id: string; assignee_id: bigint; status: string }>>`
      SELECT id, transaction_id, assignee_id, status FROM spot_check_item WHERE id = ${itemId} FOR UPDATE`;
    const item = rows[0];
    if (!item) return fail('NOT_FOUND', `没有抽查项 ${itemId} (no such spot check)`);
    if (BigInt(item.assignee_id) !== actor.userId) return refuse('SPOT_CHECK_NOT_ASSIGNEE');
    if (item.status === 'DECIDED') return refuse('SPOT_CHECK_DECIDED');
    const short = reasonProblem(reason);
    if (short) return short;
    await tx.spotCheckItem.update({ where: { id: itemId }, data: { status: 'DECIDED', result: parsed.data.result, reason, decidedAt: now } });
    await appendAudit(tx, [{
      actor: actor.username, action: 'spot-check.decided', entityType: 'spot_check_item', entityId: itemId.toString(),
      data: { transactionId: item.transaction_id, result: parsed.data.result, reason },
    }], now);
    return ok({ itemId: itemId.toString(), transactionId: item.transaction_id, result: parsed.data.result });
  });
}
