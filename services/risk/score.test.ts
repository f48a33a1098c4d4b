import { describe, expect, it } from 'vitest';
import type { Features } from './features.ts';
import { RISK_POINTS } from './points/index.ts';
import { features, IDS, withAgent } from './points/test-fixtures.ts';
import { R07 } from './points/R07.ts';
import type { AnyRiskPoint } from './points/types.ts';
import { defaultRuleSetConfig, type RuleSetConfig } from './rule-set.ts';
import { bands, defaultScore, evaluateAll } from './score.ts';

function withPoint(config: RuleSetConfig, code: string, change: Partial<RuleSetConfig['points']['R01']>): RuleSetConfig {
  const points = config.points as Record<string, RuleSetConfig['points']['R01']>;
  return { ...config, points: { ...config.points, [code]: { ...points[code], ...change } } as RuleSetConfig['points'] };
}

describe('defaultScore', () => {
  it.each<[number[], number]>([
    [[], 0], [[25], 25], [[50, 50], 75], [[100], 100], [[0], 0], [[60, 40], 76], [[90, 70, 60], 99],
    [[35, 30], 55], // 1 − 0.65 × 0.70 = 0.545 → 54.5 rounds up to 55 exactly
    [[15, 10], 24], // 1 − 0.85 × 0.90 = 0.235 → 23.5 → 24
    [[10, 10, 10], 27], // 27.1
    [[20, 20, 20], 49], // 48.8
  ])('%j → %i', (weights, score) => {
    expect(defaultScore(weights)).toBe(score);
  });

  it('gives the same score in plain numbers (≤ 6 weights) as in BigInt (zeros pad to the BigInt path)', () => {
    let seed = 7;
    const next = (): number => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed; };
    for (let i = 0; i < 5_000; i++) {
      const weights = Array.from({ length: next() % 7 }, () => next() % 101);
      expect(defaultScore(weights), JSON.stringify(weights)).toBe(defaultScore([...weights, 0, 0, 0, 0, 0, 0, 0]));
    }
  });

  it('falls back to floating point for fractional weights', () => {
    expect(defaultScore([12.5])).toBe(13);
  });
});

describe('bands', () => {
  const cfg = { alertThreshold: 40, dualReviewThreshold: 70 };
  it.each<[number, boolean, boolean, boolean, { alert: boolean; dualReview: boolean }]>([
    [39, false, false, false, { alert: false, dualReview: false }],
    [40, false, false, false, { alert: true, dualReview: false }],
    [69, false, false, false, { alert: true, dualReview: false }],
    [70, false, false, false, { alert: true, dualReview: true }],
    [10, true, false, false, { alert: true, dualReview: true }],
    [0, false, false, true, { alert: true, dualReview: false }],
    [0, false, true, true, { alert: true, dualReview: true }],
  ])('score %i, ◆ %s, ◆ error %s, error %s', (score, diamond, diamondError, error, expected) => {
    expect(bands(score, diamond, diamondError, error, cfg)).toEqual(expected);
  });
});

describe('evaluateAll', () => {
  const config = defaultRuleSetConfig();

  it('scores a clean transaction 0 without alert', () => {
    const result = evaluateAll(features(), config);
    expect(result).toMatchObject({ hits: [], pending: [], errors: [], disabled: [], score: 0, alert: false, dualReview: false });
    expect(result.misses).toHaveLength(41);
  });

  it('combines fired weights: R07 (20) + R13 (30) → 44, an alert', () => {
    const f = features({ aggregates: { handlerDayCount: 60, applicantRegistrations: { windowDays: 30, value: 5 } } });
    const result = evaluateAll(f, config);
    expect(result.hits.map((h) => [h.code, h.weight])).toEqual([['R07', 20], ['R13', 30]]);
    expect(result).toMatchObject({ score: 44, alert: true, dualReview: false });
  });

  it('a ◆ point forces alert and dual review whatever its weight', () => {
    const result = evaluateAll(features({ tx: { type: 'TRANSFER_OUT' } }), config);
    expect(result.hits.map((h) => h.code)).toEqual(['R41']);
    expect(result).toMatchObject({ score: 10, alert: true, dualReview: true });
    expect(result.hits[0]).toMatchObject({ dualReview: true, version: 1, reason: '转出登记属重点业务' });
  });

  it('reaches dual review by score alone', () => {
    // R01 (60) + R09 (50) → 80; R05 cannot compare without the handler's record.
    const badAgentId = `${IDS.agent.slice(0, 17)}${IDS.agent[17] === '0' ? '1' : '0'}`;
    const f = features({ reference: { handler: null }, tx: withAgent({ idNumber: badAgentId }) });
    const result = evaluateAll(f, config);
    expect(result.hits.map((h) => h.code)).toEqual(['R01', 'R09']);
    expect(result.pending).toEqual([{ code: 'R05', waitingFor: 'reference data: handler' }]);
    expect(result).toMatchObject({ score: 80, alert: true, dualReview: true });
  });

  it('uses rule-set weights, params and thresholds', () => {
    const f = features({ aggregates: { handlerDayCount: 30 } });
    const tuned = withPoint({ ...config, alertThreshold: 30, dualReviewThreshold: 90 }, 'R07', { weight: 35, params: { minCount: 30 } });
    expect(evaluateAll(f, tuned)).toMatchObject({ score: 35, alert: true, dualReview: false });
    expect(evaluateAll(f, config)).toMatchObject({ score: 0, alert: false });
  });

  it('skips disabled points', () => {
    const f = features({ aggregates: { handlerDayCount: 60 } });
    const result = evaluateAll(f, withPoint(config, 'R07', { enabled: false }));
    expect(result.disabled).toEqual(['R07']);
    expect(result.hits).toEqual([]);
    expect(result.misses).toHaveLength(40);
  });

  it('lists pending points with what they wait for, without scoring them', () => {
    const result = evaluateAll(features({ photos: undefined, rings: undefined, tx: { flags: { tolerance: true } } }), config);
    expect(result.pending).toContainEqual({ code: 'R21', waitingFor: 'ring detection' });
    expect(result.pending).toContainEqual({ code: 'R25', waitingFor: 'tolerance sweep' });
    expect(result.pending).toContainEqual({ code: 'R29', waitingFor: 'photo checks' });
    expect(result).toMatchObject({ score: 0, alert: false });
  });

  it('turns a throwing point into an error that forces review, and goes on', () => {
    const boom: AnyRiskPoint = { ...R07, code: 'R07', evaluate: () => { throw new Error('boom'); } };
    const points = RISK_POINTS.map((p) => (p.code === 'R07' ? boom : p));
    const result = evaluateAll(features({ aggregates: { applicantRegistrations: { windowDays: 30, value: 5 } } }), config, points);
    expect(result.errors).toEqual([{ code: 'R07', message: 'Error: boom' }]);
    expect(result.hits.map((h) => h.code)).toEqual(['R13']);
    expect(result).toMatchObject({ score: 30, alert: true, dualReview: false });
  });

  it('a window mismatch is an error, not a silent miss', () => {
    const f: Features = features({ aggregates: { applicantRegistrations: { windowDays: 60, value: 9 } } });
    const result = evaluateAll(f, config);
    expect(result.errors).toEqual([{ code: 'R13', message: expect.stringContaining('WindowMismatchError') }]);
    expect(result.alert).toBe(true);
  });

  it('an error in a ◆ point forces dual review; invalid params are an error', () => {
    const broken = withPoint(config, 'R33', { params: { maxHammingDistance: -1 } });
    const result = evaluateAll(features(), broken);
    expect(result.errors.map((e) => e.code)).toEqual(['R33']);
    expect(result).toMatchObject({ alert: true, dualReview: true });
  });

  it('a point missing from the rule set is an error', () => {
    const points = { ...config.points } as Record<string, unknown>;
    delete points.R40;
    const result = evaluateAll(features(), { ...config, points: points as RuleSetConfig['points'] });
    expect(result.errors).toEqual([{ code: 'R40', message: 'rule set has no configuration for this point' }]);
    expect(result.dualReview).toBe(true);
  });
});
