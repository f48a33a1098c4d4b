/**
 * Rule-set configuration: per point {enabled, weight, params} and the score bands. Rule sets
 * are versioned data that admins edit and a second admin approves; this module only says
 * what a valid one looks like and what the spec's defaults are. Versioning and publication
 * live with the store, not here.
 */
import { z } from 'zod';
import { RISK_POINTS, type RiskCode } from './points/index.ts';
import type { AnyRiskPoint } from './points/types.ts';

export interface PointConfig {
  readonly enabled: boolean;
  /** 0–100, whole numbers, so that the score is computed exactly. */
  readonly weight: number;
  /** Parameters as validated (and defaulted) by the point's `paramsSchema`. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface RuleSetConfig {
  /** Alert when score ≥ this (or a ◆ point fired). Spec default 40. */
  readonly alertThreshold: number;
  /** Dual review when score ≥ this (or a ◆ point fired). Spec default 70. */
  readonly dualReviewThreshold: number;
  /** Every point of the catalogue, by code; none may be left out or added. */
  readonly points: Readonly<Record<RiskCode, PointConfig>>;
}

export const DEFAULT_ALERT_THRESHOLD = 40;
export const DEFAULT_DUAL_REVIEW_THRESHOLD = 70;

const threshold = z.number().int().min(0).max(100);

function pointConfigSchema(point: AnyRiskPoint) {
  return z.strictObject({
    enabled: z.boolean(),
    weight: z.number().int().min(0).max(100),
    // The point's own schema: unknown keys are refused, missing ones take the spec default.
    params: point.paramsSchema as z.ZodType<Record<string, unknown>>,
  });
}

/** The zod schema of a rule-set configuration for a catalogue of points. */
export function ruleSetConfigSchema(points: readonly AnyRiskPoint[] = RISK_POINTS): z.ZodType<RuleSetConfig> {
  const shape = Object.fromEntries(points.map((p) => [p.code, pointConfigSchema(p)]));
  return z
    .strictObject({
      alertThreshold: threshold,
      dualReviewThreshold: threshold,
      points: z.strictObject(shape),
    })
    .refine((c) => c.dualReviewThreshold >= c.alertThreshold, {
      path: ['dualReviewThreshold'],
      message: '双重审核阈值不得低于预警阈值 (dualReviewThreshold must be ≥ alertThreshold)',
    }) as unknown as z.ZodType<RuleSetConfig>;
}

export const RULE_SET_CONFIG_SCHEMA: z.ZodType<RuleSetConfig> = ruleSetConfigSchema();

/** The spec's defaults: every point enabled with its default weight and parameters. */
export function defaultRuleSetConfig(points: readonly AnyRiskPoint[] = RISK_POINTS): RuleSetConfig {
  const entries = points.map((p) => [p.code, {
    enabled: true,
    weight: p.defaultWeight,
    params: p.paramsSchema.parse({}) as Record<string, unknown>,
  }] as const);
  return {
    alertThreshold: DEFAULT_ALERT_THRESHOLD,
    dualReviewThreshold: DEFAULT_DUAL_REVIEW_THRESHOLD,
    points: Object.fromEntries(entries) as Record<RiskCode, PointConfig>,
  };
}

