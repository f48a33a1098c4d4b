import { z } from 'zod';
import type { Database, Prisma } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { formatIssues } from '../../ingest/schema/problems.ts';
import { RULE_SET_CONFIG_SCHEMA } from '../rule-set.ts';
import { requireAdmin, sameUser, type Actor } from './actor.ts';
import { changeSummary, diffConfigs } from './diff.ts';
import { mergeConfig } from './merge-config.ts';
import { auditRuleSet, changeRuleSets, configDigest, findRuleSet, refuse, requireStatus, viewOf, type RuleSetView } from './store.ts';

export interface UpdateDraftInput {
  /** Overrides applied on top of the draft's current configuration (a full one also works). */
  readonly config?: unknown;
  readonly note?: string;
}

const inputSchema = z.strictObject({
  config: z.unknown().optional(),
  note: z.string().trim().min(1, '说明不能为空 (note must not be empty)').max(2000).optional(),
}).refine((i) => i.config !== undefined || i.note !== undefined, { message: '须至少修改配置或说明之一 (change config or note)' });

/** Changes a DRAFT; only its author may, so that what the checker approves is one person's work. */
export async function updateDraft(db: Database, actor: Actor, version: string, input: UpdateDraftInput): Promise<Result<RuleSetView>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '请求数据不合规 (invalid update)', { problems: formatIssues(parsed.error) });
  return changeRuleSets(db, async (tx) => {
    const found = await findRuleSet(tx, version);
    if (!found.ok) return found;
    if (!sameUser(actor.username, found.value.createdBy)) {
      return refuse('AUTHOR_ONLY', `只有起草人 ${found.value.createdBy} 可修改草案 (only the author may edit a draft)`);
    }
    const draft = requireStatus(found.value, 'DRAFT', { zh: '修改', en: 'edited' });
    if (!draft.ok) return draft;
    const before = RULE_SET_CONFIG_SCHEMA.parse(draft.value.config);
    const config = mergeConfig(before, parsed.data.config);
    if (!config.ok) return config;
    const note = parsed.data.note ?? draft.value.note;
    const row = await tx.ruleSet.update({ where: { version }, data: { config: config.value as unknown as Prisma.InputJsonObject, note } });
    await auditRuleSet(tx, actor, 'ruleset.updated', version, {
      note, configSha256: configDigest(config.value), changes: changeSummary(diffConfigs(before, config.value)),
    });
    return ok(viewOf(row));
  });
}
