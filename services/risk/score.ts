/**
 * The default score and the evaluation of a whole rule set over one transaction's Features.
 * A point that throws never stops the others: it is reported as an error and the
 * transaction goes to review, because an unevaluated rule must not pass silently.
 */
import type { Features } from './features.ts';
import { RISK_POINTS } from './points/index.ts';
import type { AnyRiskPoint, Evidence } from './points/types.ts';
import type { RuleSetConfig } from './rule-set.ts';

/**
 * round(100 × (1 − Π(1 − wᵢ/100))) over the fired weights. With whole-number weights this is
 * computed exactly with integers (the product is Π(100 − wᵢ) / 100ⁿ), so a score that lies
 * exactly on .5 rounds up as the formula says instead of wherever binary floating point
 * happens to land.
 */
export function defaultScore(weights: readonly number[]): number {
  const whole = weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  // Up to 6 weights every intermediate (at most 200 × 100⁶) stays below 2⁵³: the same exact
  // arithmetic in plain numbers, without BigInt's allocation on every scored transaction.
  if (whole && weights.length <= 6) {
    const denominator = 100 ** weights.length;
    const product = weights.reduce((acc, w) => acc * (100 - w), 1);
    return Math.floor((200 * (denominator - product) + denominator) / (2 * denominator));
  }
  if (whole) {
    const denominator = 100n ** BigInt(weights.length);
    const product = weights.reduce((acc, w) => acc * BigInt(100 - w), 1n);
    const numerator = (denominator - product) * 100n;
    return Number((2n * numerator + denominator) / (2n * denominator));
  }
  const remaining = weights.reduce((acc, w) => acc * (1 - Math.min(100, Math.max(0, w)) / 100), 1);
  return Math.round(100 * (1 - remaining));
}

export interface PointHit {
  readonly code: string;
  readonly weight: number;
  /** The ◆ flag of the point. */
  readonly dualReview: boolean;
  /** The rule logic version that produced the hit. */
  readonly version: number;
  readonly reason: string;
  readonly evidence: Evidence;
}

export interface RiskAssessment {
  readonly hits: readonly PointHit[];
  readonly misses: readonly string[];
  readonly pending: readonly { readonly code: string; readonly waitingFor: string }[];
  readonly errors: readonly { readonly code: string; readonly message: string }[];
  /** Points switched off in the rule set: not evaluated. */
  readonly disabled: readonly string[];
  readonly score: number;
  readonly alert: boolean;
  readonly dualReview: boolean;
}

/**
 * Alert and dual review. An error forces an alert (someone must look); an error in a ◆ point
 * also forces dual review, since that point might have fired.
 */
export function bands(
  score: number, diamondFired: boolean, erroredDiamond: boolean, anyError: boolean,
  config: Pick<RuleSetConfig, 'alertThreshold' | 'dualReviewThreshold'>,
): { alert: boolean; dualReview: boolean } {
  const dualReview = score >= config.dualReviewThreshold || diamondFired || erroredDiamond;
  return { alert: dualReview || score >= config.alertThreshold || diamondFired || anyError, dualReview };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Parsed parameters per rule-set configuration and point. A rule set is immutable once loaded,
 * and parsing 41 schemas for every transaction was a measurable share of batch scoring.
 */
const parsedParams = new WeakMap<object, Map<string, unknown>>();

function paramsFor(point: AnyRiskPoint, pointConfig: object & { params?: unknown }): unknown {
  let perPoint = parsedParams.get(pointConfig);
  if (!perPoint) {
    perPoint = new Map();
    parsedParams.set(pointConfig, perPoint);
  }
  if (!perPoint.has(point.code)) perPoint.set(point.code, point.paramsSchema.parse(pointConfig.params));
  return perPoint.get(point.code);
}

/** Evaluates every enabled point of the rule set; never throws because of a point. */
export function evaluateAll(features: Features, ruleSet: RuleSetConfig, points: readonly AnyRiskPoint[] = RISK_POINTS): RiskAssessment {
  const hits: PointHit[] = [];
  const misses: string[] = [];
  const pending: { code: string; waitingFor: string }[] = [];
  const errors: { code: string; message: string }[] = [];
  const disabled: string[] = [];
  let erroredDiamond = false;
  for (const point of points) {
    const config = (ruleSet.points as Readonly<Record<string, RuleSetConfig['points'][keyof RuleSetConfig['points']] | undefined>>)[point.code];
    if (config === undefined) {
      errors.push({ code: point.code, message: 'rule set has no configuration for this point' });
      erroredDiamond ||= point.dualReview;
      continue;
    }
    if (!config.enabled) {
      disabled.push(point.code);
      continue;
    }
    try {
      const outcome = point.evaluate(features, paramsFor(point, config) as never);
      if (outcome.outcome === 'hit') {
        hits.push({ code: point.code, weight: config.weight, dualReview: point.dualReview, version: point.version, reason: outcome.reason, evidence: outcome.evidence });
      } else if (outcome.outcome === 'pending') {
        pending.push({ code: point.code, waitingFor: outcome.waitingFor });
      } else {
        misses.push(point.code);
      }
    } catch (error) {
      errors.push({ code: point.code, message: messageOf(error) });
      erroredDiamond ||= point.dualReview;
    }
  }
  const score = defaultScore(hits.map((h) => h.weight));
  const { alert, dualReview } = bands(score, hits.some((h) => h.dualReview), erroredDiamond, errors.length > 0, ruleSet);
  return { hits, misses, pending, errors, disabled, score, alert, dualReview };
}
