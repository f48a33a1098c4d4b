/**
 * What a rule set changes against another: per point the changed enabled flag, weight and
 * parameters, and the two score bands. Used by diffAgainstLive, by the audit entries (so the
 * trail says what an admin changed, not only that something changed) and by the backtest.
 */
import { canonicalJson } from '../../audit/canonical.ts';
import { RISK_POINTS, type RiskCode } from '../points/index.ts';
import type { RuleSetConfig } from '../rule-set.ts';

export interface Change<T> {
  readonly live: T;
  readonly draft: T;
}

export interface PointChange {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly enabled?: Change<boolean>;
  readonly weight?: Change<number>;
  /** Only the parameters whose value differs. */
  readonly params?: Readonly<Record<string, Change<unknown>>>;
}

export interface ThresholdChange extends Change<number> {
  readonly changed: boolean;
}

export interface ConfigDiff {
  readonly thresholds: {
    readonly alertThreshold: ThresholdChange;
    readonly dualReviewThreshold: ThresholdChange;
  };
  /** Points that differ in any way, in catalogue order; [] when none does. */
  readonly points: readonly PointChange[];
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function paramChanges(live: Readonly<Record<string, unknown>>, draft: Readonly<Record<string, unknown>>): Record<string, Change<unknown>> {
  const changes: Record<string, Change<unknown>> = {};
  for (const key of [...new Set([...Object.keys(live), ...Object.keys(draft)])].sort()) {
    if (!same(live[key], draft[key])) changes[key] = { live: live[key] ?? null, draft: draft[key] ?? null };
  }
  return changes;
}

function pointChange(code: RiskCode, live: RuleSetConfig, draft: RuleSetConfig): PointChange | null {
  const a = live.points[code];
  const b = draft.points[code];
  const point = RISK_POINTS.find((p) => p.code === code);
  const params = paramChanges(a.params, b.params);
  const change: PointChange = {
    code, nameZh: point?.nameZh ?? code, nameEn: point?.nameEn ?? code,
    ...(a.enabled !== b.enabled ? { enabled: { live: a.enabled, draft: b.enabled } } : {}),
    ...(a.weight !== b.weight ? { weight: { live: a.weight, draft: b.weight } } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
  return change.enabled || change.weight || change.params ? change : null;
}

/** `draft` compared with `live`. */
export function diffConfigs(live: RuleSetConfig, draft: RuleSetConfig): ConfigDiff {
  const threshold = (key: 'alertThreshold' | 'dualReviewThreshold'): ThresholdChange =>
    ({ live: live[key], draft: draft[key], changed: live[key] !== draft[key] });
  const codes = RISK_POINTS.map((p) => p.code as RiskCode);
  return {
    thresholds: { alertThreshold: threshold('alertThreshold'), dualReviewThreshold: threshold('dualReviewThreshold') },
    points: codes.map((code) => pointChange(code, live, draft)).filter((c): c is PointChange => c !== null),
  };
}

/** A short list of changed paths for audit entries, e.g. ["R16.weight: 50→60", "alertThreshold: 40→45"]. */
export function changeSummary(diff: ConfigDiff): string[] {
  const lines: string[] = [];
  for (const key of ['alertThreshold', 'dualReviewThreshold'] as const) {
    const t = diff.thresholds[key];
    if (t.changed) lines.push(`${key}: ${t.live}→${t.draft}`);
  }
  for (const p of diff.points) {
    if (p.enabled) lines.push(`${p.code}.enabled: ${p.enabled.live}→${p.enabled.draft}`);
    if (p.weight) lines.push(`${p.code}.weight: ${p.weight.live}→${p.weight.draft}`);
    for (const [key, c] of Object.entries(p.params ?? {})) lines.push(`${p.code}.params.${key}: ${JSON.stringify(c.live)}→${JSON.stringify(c.draft)}`);
  }
  return lines;
}
