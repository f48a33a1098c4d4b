import { z } from 'zod';
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { formatIssues } from '../../ingest/schema/problems.ts';
import { requireAdmin, sameUser, type Actor } from './actor.ts';
import { makerCheckerRefusal } from './maker-checker.ts';
import { auditRuleSet, changeRuleSets, findRuleSet, requireStatus, viewOf, type RuleSetView } from './store.ts';

export interface RejectInput {
  /** Why; the author reads it (getRuleSet's history) before editing the draft again. */
  readonly reason: string;
}

const inputSchema = z.strictObject({ reason: z.string().trim().min(1, '须填写退回理由 (a reason is required)').max(2000) });

/**
 * A second ADMIN sends a PENDING_APPROVAL rule set back to DRAFT with a reason. The reason has
 * no column of its own: it is kept in the audit entry, which getRuleSet returns as history.
 */
export async function rejectRuleSet(db: Database, actor: Actor, version: string, input: RejectInput): Promise<Result<RuleSetView>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '请求数据不合规 (invalid rejection)', { problems: formatIssues(parsed.error) });
  return changeRuleSets(db, async (tx) => {
    const found = await findRuleSet(tx, version);
    if (!found.ok) return found;
    if (sameUser(actor.username, found.value.createdBy)) return makerCheckerRefusal(found.value.createdBy);
    const pending = requireStatus(found.value, 'PENDING_APPROVAL', { zh: '退回', en: 'rejected' });
    if (!pending.ok) return pending;
    const row = await tx.ruleSet.update({ where: { version }, data: { status: 'DRAFT' } });
    await auditRuleSet(tx, actor, 'ruleset.rejected', version, { status: 'DRAFT', reason: parsed.data.reason });
    return ok(viewOf(row));
  });
}
