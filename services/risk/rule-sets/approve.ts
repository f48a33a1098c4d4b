import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { requireAdmin, sameUser, type Actor } from './actor.ts';
import { isMakerCheckerViolation, makerCheckerRefusal } from './maker-checker.ts';
import { auditRuleSet, changeRuleSets, findRuleSet, requireStatus, viewOf, type RuleSetView } from './store.ts';

export interface ApproveInput {
  /** The approver's remark, kept in the audit trail. */
  readonly comment?: string;
}

export interface Publication {
  readonly ruleSet: RuleSetView;
  /** The rule sets this publication retired (normally the one previously PUBLISHED). */
  readonly retired: readonly string[];
}

/**
 * A second ADMIN approves a PENDING_APPROVAL rule set: it becomes the one PUBLISHED rule set
 * and the previous one is RETIRED, in one database transaction. The scorer reads the latest
 * PUBLISHED rule set at every batch, so the next ingested batch is scored with it.
 */
export async function approveRuleSet(db: Database, actor: Actor, version: string, input: ApproveInput = {}): Promise<Result<Publication>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const comment = typeof input.comment === 'string' ? input.comment.trim().slice(0, 2000) : undefined;
  try {
    return await changeRuleSets(db, async (tx) => {
      const found = await findRuleSet(tx, version);
      if (!found.ok) return found;
      if (sameUser(actor.username, found.value.createdBy)) return makerCheckerRefusal(found.value.createdBy);
      const pending = requireStatus(found.value, 'PENDING_APPROVAL', { zh: '审批', en: 'approved' });
      if (!pending.ok) return pending;
      const previous = await tx.ruleSet.findMany({ where: { status: 'PUBLISHED' }, select: { version: true } });
      const retired = previous.map((p) => p.version);
      await tx.ruleSet.updateMany({ where: { version: { in: retired } }, data: { status: 'RETIRED' } });
      const row = await tx.ruleSet.update({ where: { version }, data: { status: 'PUBLISHED', approvedBy: actor.username, publishedAt: new Date() } });
      const view = viewOf(row);
      await auditRuleSet(tx, actor, 'ruleset.published', version, { status: 'PUBLISHED', author: row.createdBy, configSha256: view.configSha256, retired, ...(comment ? { comment } : {}) });
      for (const old of retired) await auditRuleSet(tx, actor, 'ruleset.retired', old, { status: 'RETIRED', supersededBy: version });
      return ok({ ruleSet: view, retired });
    });
  } catch (error) {
    // Defence in depth: sameUser refuses first; the CHECK fires only if that test is ever bypassed.
    if (isMakerCheckerViolation(error)) return makerCheckerRefusal(actor.username);
    throw error;
  }
}
