import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { requireAdmin, sameUser, type Actor } from './actor.ts';
import { auditRuleSet, changeRuleSets, findRuleSet, refuse, requireStatus, viewOf, type RuleSetView } from './store.ts';

/** The author hands a DRAFT to a second admin: DRAFT → PENDING_APPROVAL; it is frozen from now on. */
export async function submitDraft(db: Database, actor: Actor, version: string): Promise<Result<RuleSetView>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  return changeRuleSets(db, async (tx) => {
    const found = await findRuleSet(tx, version);
    if (!found.ok) return found;
    if (!sameUser(actor.username, found.value.createdBy)) {
      return refuse('AUTHOR_ONLY', `只有起草人 ${found.value.createdBy} 可提交审批 (only the author may submit)`);
    }
    const draft = requireStatus(found.value, 'DRAFT', { zh: '提交审批', en: 'submitted' });
    if (!draft.ok) return draft;
    const row = await tx.ruleSet.update({ where: { version }, data: { status: 'PENDING_APPROVAL' } });
    const view = viewOf(row);
    await auditRuleSet(tx, actor, 'ruleset.submitted', version, { status: 'PENDING_APPROVAL', configSha256: view.configSha256 });
    return ok(view);
  });
}
