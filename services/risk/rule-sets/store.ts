/**
 * What the rule-set use cases share: the row as use cases see it, the live rule set, the
 * write lock, and the audit entry every change writes in its own database transaction.
 */
import { appendAudit } from '../../audit/index.ts';
import { canonicalJson, sha256Hex } from '../../audit/canonical.ts';
import type { Database, Prisma, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { defaultRuleSetVersion } from '../engine/active-rule-set.ts';
import { defaultRuleSetConfig, RULE_SET_CONFIG_SCHEMA, type RuleSetConfig } from '../rule-set.ts';
import type { Actor } from './actor.ts';

/** DRAFT → PENDING_APPROVAL → PUBLISHED → RETIRED (a rejection sends PENDING_APPROVAL back to DRAFT). */
export const RULE_SET_STATUSES = ['DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'RETIRED'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/**
 * Serialises rule-set changes: version counters, "only one PUBLISHED" and status transitions
 * are read-then-write, and two admins pressing a button at once must not both win.
 */
const RULE_SET_LOCK = 720_330_021;

export interface RuleSetView {
  readonly version: string;
  readonly status: RuleSetStatus;
  readonly note: string | null;
  readonly createdBy: string;
  readonly approvedBy: string | null;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  /** sha256 of the canonical configuration: what the audit trail records was approved. */
  readonly configSha256: string;
  readonly config: RuleSetConfig;
}

type RuleSetRow = Prisma.RuleSetGetPayload<object>;

export function configDigest(config: RuleSetConfig): string {
  return sha256Hex(canonicalJson(config));
}

export function viewOf(row: RuleSetRow): RuleSetView {
  const config = RULE_SET_CONFIG_SCHEMA.parse(row.config);
  return {
    version: row.version,
    status: row.status as RuleSetStatus,
    note: row.note,
    createdBy: row.createdBy,
    approvedBy: row.approvedBy,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    configSha256: configDigest(config),
    config,
  };
}

export interface LiveRuleSet {
  readonly version: string;
  readonly config: RuleSetConfig;
  /**
   * False when no rule set was ever published: the live one is then the spec defaults, which
   * the scorer publishes under this same version on its first batch.
   */
  readonly stored: boolean;
}

/** The rule set the scorer uses (the same query as RuleSetCache), without publishing anything. */
export async function liveRuleSet(tx: Tx): Promise<LiveRuleSet> {
  const row = await tx.ruleSet.findFirst({ where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' } });
  if (row) return { version: row.version, config: RULE_SET_CONFIG_SCHEMA.parse(row.config), stored: true };
  const config = defaultRuleSetConfig();
  return { version: defaultRuleSetVersion(config), config, stored: false };
}

/** Runs a rule-set change under the lock, in one database transaction with its audit entries. */
export async function changeRuleSets<T>(db: Database, work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RULE_SET_LOCK})`;
    return work(tx);
  }, { timeout: 30_000, maxWait: 15_000 });
}

export async function findRuleSet(tx: Tx, version: string): Promise<Result<RuleSetRow>> {
  const row = typeof version === 'string' ? await tx.ruleSet.findUnique({ where: { version } }) : null;
  return row ? ok(row) : fail('NOT_FOUND', `规则集 ${String(version)} 不存在 (rule set not found)`);
}

/** A refusal by a named business rule (the HTTP layer shows `rule`). */
export function refuse<T = never>(rule: string, detail: string, extra: Record<string, unknown> = {}): Result<T> {
  return fail('RULE_REFUSED', detail, { extensions: { rule, ...extra } });
}

/** Refuses a transition from any other status than `wanted` (rule e.g. DRAFT_ONLY). */
export function requireStatus(row: RuleSetRow, wanted: RuleSetStatus, what: { zh: string; en: string }): Result<RuleSetRow> {
  if (row.status === wanted) return ok(row);
  return refuse(`${wanted}_ONLY`, `规则集 ${row.version} 当前为 ${row.status}，仅 ${wanted} 状态可${what.zh} (only a ${wanted} rule set can be ${what.en})`, { status: row.status });
}

export async function auditRuleSet(tx: Tx, actor: Actor, action: string, version: string, data: Record<string, unknown>): Promise<void> {
  await appendAudit(tx, [{ actor: actor.username, action, entityType: 'rule_set', entityId: version, data }]);
}
