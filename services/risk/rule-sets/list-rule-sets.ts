import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { requireAdmin, type Actor } from './actor.ts';
import { RULE_SET_STATUSES, type RuleSetStatus, type RuleSetView } from './store.ts';

export type RuleSetSummary = Omit<RuleSetView, 'config' | 'configSha256'>;

export interface ListRuleSetsQuery {
  readonly status?: RuleSetStatus;
}

/** Every rule set, newest first, without configurations (getRuleSet has them). */
export async function listRuleSets(db: Database, actor: Actor, query: ListRuleSetsQuery = {}): Promise<Result<RuleSetSummary[]>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  if (query.status !== undefined && !RULE_SET_STATUSES.includes(query.status)) {
    return fail('VALIDATION_FAILED', '状态不合规 (unknown status)', { problems: [{ path: 'status', message: `须为 ${RULE_SET_STATUSES.join(' / ')} 之一` }] });
  }
  const rows = await db.prisma.ruleSet.findMany({
    where: query.status ? { status: query.status } : {},
    orderBy: [{ createdAt: 'desc' }, { version: 'desc' }],
    select: { version: true, status: true, note: true, createdBy: true, approvedBy: true, createdAt: true, publishedAt: true },
  });
  return ok(rows.map((r) => ({
    version: r.version, status: r.status as RuleSetStatus, note: r.note, createdBy: r.createdBy, approvedBy: r.approvedBy,
    createdAt: r.createdAt.toISOString(), publishedAt: r.publishedAt?.toISOString() ?? null,
  })));
}
