import { appendAudit } from '../../audit/index.ts';
import { canonicalJson, sha256Hex } from '../../audit/canonical.ts';
import type { Prisma, Tx } from '../../platform/db.ts';
import { featureRequest, type FeatureRequest } from '../feature-request.ts';
import { defaultRuleSetConfig, RULE_SET_CONFIG_SCHEMA, type RuleSetConfig } from '../rule-set.ts';

export interface ActiveRuleSet {
  readonly version: string;
  readonly config: RuleSetConfig;
  readonly request: FeatureRequest;
}

/** The spec's defaults, versioned by content so that every installation names them alike. */
export function defaultRuleSetVersion(config: RuleSetConfig = defaultRuleSetConfig()): string {
  return `default-${sha256Hex(canonicalJson(config)).slice(0, 8)}`;
}

export function activeRuleSetOf(version: string, config: RuleSetConfig): ActiveRuleSet {
  return { version, config, request: featureRequest(config) };
}

/**
 * The published rule set in force, cached until another is published. On a database that has
 * none, the spec's defaults are published as the first rule set (by `system`: there is no
 * maker to check yet); every later change goes through draft, approval and publication.
 */
export class RuleSetCache {
  private current: ActiveRuleSet | null = null;

  /** `known`: the live version when the caller read it already (readCacheMarkers; null: none published). */
  async get(tx: Tx, known?: string | null): Promise<ActiveRuleSet> {
    const live = known === undefined
      ? await tx.ruleSet.findFirst({ where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' }, select: { version: true } })
      : known === null ? null : { version: known };
    if (live && this.current?.version === live.version) return this.current;
    if (live) {
      const row = await tx.ruleSet.findUniqueOrThrow({ where: { version: live.version } });
      this.current = activeRuleSetOf(row.version, RULE_SET_CONFIG_SCHEMA.parse(row.config));
      return this.current;
    }
    const config = defaultRuleSetConfig();
    const version = defaultRuleSetVersion(config);
    await tx.ruleSet.create({
      data: { version, status: 'PUBLISHED', config: config as unknown as Prisma.InputJsonObject, note: '规范默认规则 spec defaults', createdBy: 'system', publishedAt: new Date() },
    });
    await appendAudit(tx, [{ actor: 'system', action: 'ruleset.published', entityType: 'rule_set', entityId: version, data: { note: 'spec defaults' } }]);
    this.current = activeRuleSetOf(version, config);
    return this.current;
  }
}
