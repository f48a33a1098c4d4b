/**
 * Partial rule-set overrides. An admin usually changes one weight or one window; asking for
 * all 41 points every time invites copy errors, so a draft may give only what it changes and
 * the rest is taken from a base (the live rule set for a new draft, the draft itself for an
 * update). The merged result is then validated whole, so a problem is always reported by its
 * path in the full configuration.
 */
import { formatIssues } from '../../ingest/schema/problems.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { RULE_SET_CONFIG_SCHEMA, type RuleSetConfig } from '../rule-set.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One point: enabled/weight replace, params merge key by key (a window alone may be given). */
function mergePoint(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base, ...override };
  if ('params' in override && isPlainObject(base.params) && isPlainObject(override.params)) {
    merged.params = { ...base.params, ...override.params };
  }
  return merged;
}

/**
 * Applies overrides to a base configuration without validating. Anything that is not of the
 * expected shape is passed through as given, so that the schema names it by its path.
 */
export function applyOverrides(base: RuleSetConfig, overrides: unknown): unknown {
  if (overrides === undefined) return base;
  if (!isPlainObject(overrides)) return overrides;
  const merged: Record<string, unknown> = { ...base, ...overrides };
  if (isPlainObject(overrides.points)) {
    const points: Record<string, unknown> = { ...base.points };
    for (const [code, override] of Object.entries(overrides.points)) points[code] = mergePoint(points[code], override);
    merged.points = points;
  }
  return merged;
}

/** Validates a full configuration; problems are named under `prefix` (the request field). */
export function validateConfig(candidate: unknown, prefix = 'config'): Result<RuleSetConfig> {
  const parsed = RULE_SET_CONFIG_SCHEMA.safeParse(candidate);
  if (parsed.success) return ok(parsed.data);
  return fail('VALIDATION_FAILED', '规则集配置不合规 (rule-set configuration invalid)', { problems: formatIssues(parsed.error, prefix ? [prefix] : []) });
}

/** Overrides applied to `base`, then validated. */
export function mergeConfig(base: RuleSetConfig, overrides: unknown, prefix = 'config'): Result<RuleSetConfig> {
  if (overrides !== undefined && !isPlainObject(overrides)) {
    return fail('VALIDATION_FAILED', '规则集配置须为对象 (configuration must be an object)', { problems: [{ path: prefix || '(root)', message: '须为对象 (must be an object)' }] });
  }
  return validateConfig(applyOverrides(base, overrides), prefix);
}
