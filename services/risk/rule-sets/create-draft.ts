import { z } from 'zod';
import type { Prisma, Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { formatIssues } from '../../ingest/schema/problems.ts';
import { requireAdmin, type Actor } from './actor.ts';
import { changeSummary, diffConfigs } from './diff.ts';
import { mergeConfig } from './merge-config.ts';
import { auditRuleSet, changeRuleSets, configDigest, liveRuleSet, refuse, viewOf, type RuleSetView } from './store.ts';
import { nextVersionName, versionNameProblem } from './version-name.ts';

export interface CreateDraftInput {
  /** A full configuration, or only what changes: it is applied on top of the live rule set. */
  readonly config?: unknown;
  /** Why this rule set exists; shown to the approver. */
  readonly note: string;
  /** Defaults to `YYYY-MM-DD.N` (creation date in Asia/Shanghai, counter within the day). */
  readonly version?: string;
}

const inputSchema = z.strictObject({
  config: z.unknown().optional(),
  note: z.string().trim().min(1, '须填写说明 (a note is required)').max(2000),
  version: z.string().trim().optional(),
});

async function chooseVersion(tx: Tx, given: string | undefined, now: Date): Promise<Result<string>> {
  if (given === undefined) return ok(await nextVersionName(tx, now));
  const problem = versionNameProblem(given);
  if (problem) return fail('VALIDATION_FAILED', '版本号不合规 (invalid version name)', { problems: [problem] });
  if (await tx.ruleSet.findUnique({ where: { version: given }, select: { version: true } })) {
    return refuse('VERSION_UNIQUE', `版本号 ${given} 已存在 (version already exists)`);
  }
  return ok(given);
}

/**
 * Creates a DRAFT rule set authored by `actor` (an ADMIN). The configuration starts from the
 * live rule set so that a draft says only what it changes; the result is validated whole.
 */
export async function createDraft(db: Database, actor: Actor, input: CreateDraftInput): Promise<Result<RuleSetView>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '请求数据不合规 (invalid draft)', { problems: formatIssues(parsed.error) });
  const { config: overrides, note, version: given } = parsed.data;
  return changeRuleSets(db, async (tx) => {
    const live = await liveRuleSet(tx);
    const config = mergeConfig(live.config, overrides);
    if (!config.ok) return config;
    const now = new Date();
    const version = await chooseVersion(tx, given, now);
    if (!version.ok) return version;
    const row = await tx.ruleSet.create({
      data: { version: version.value, status: 'DRAFT', config: config.value as unknown as Prisma.InputJsonObject, note, createdBy: actor.username, createdAt: now },
    });
    await auditRuleSet(tx, actor, 'ruleset.created', version.value, {
      status: 'DRAFT', note, basedOn: live.version, configSha256: configDigest(config.value),
      changes: changeSummary(diffConfigs(live.config, config.value)),
    });
    return ok(viewOf(row));
  });
}
