import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { requireAdmin, type Actor } from './actor.ts';
import { findRuleSet, viewOf, type RuleSetView } from './store.ts';

export interface RuleSetEvent {
  readonly at: string;
  readonly actor: string;
  /** ruleset.created / updated / submitted / rejected / published / retired */
  readonly action: string;
  readonly data: unknown;
}

export interface RuleSetDetail extends RuleSetView {
  /** The audit entries of this rule set, oldest first: who did what, and rejection reasons. */
  readonly history: readonly RuleSetEvent[];
  /** The reason of the latest rejection, while the rule set is a DRAFT again; else null. */
  readonly rejectionReason: string | null;
}

/** One rule set with its configuration and its history from the audit trail. */
export async function getRuleSet(db: Database, actor: Actor, version: string): Promise<Result<RuleSetDetail>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const found = await findRuleSet(db.prisma, version);
  if (!found.ok) return found;
  const entries = await db.prisma.auditEntry.findMany({ where: { entityType: 'rule_set', entityId: version }, orderBy: { seq: 'asc' } });
  const history = entries.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, data: e.data }));
  const last = history.at(-1);
  const rejected = found.value.status === 'DRAFT' && last?.action === 'ruleset.rejected';
  const reason = rejected ? (last.data as { reason?: unknown }).reason : null;
  return ok({ ...viewOf(found.value), history, rejectionReason: typeof reason === 'string' ? reason : null });
}
