import { describe, expect, it } from 'vitest';
import { featureRequest } from './feature-request.ts';
import { RISK_CODES } from './points/index.ts';
import { defaultRuleSetConfig, RULE_SET_CONFIG_SCHEMA, type RuleSetConfig } from './rule-set.ts';

const clone = (c: RuleSetConfig): Record<string, unknown> & { points: Record<string, Record<string, unknown>> } => structuredClone(c) as never;

describe('defaultRuleSetConfig', () => {
  it('has every point enabled with the spec weight and the bands 40 / 70', () => {
    const config = defaultRuleSetConfig();
    expect(Object.keys(config.points)).toEqual([...RISK_CODES]);
    expect(config.alertThreshold).toBe(40);
    expect(config.dualReviewThreshold).toBe(70);
    expect(config.points.R17).toEqual({ enabled: true, weight: 90, params: {} });
    expect(config.points.R16).toEqual({ enabled: true, weight: 50, params: { minApplicants: 5, windowDays: 30 } });
  });

  it('is valid under its own schema and survives a JSON round trip', () => {
    const config = defaultRuleSetConfig();
    expect(RULE_SET_CONFIG_SCHEMA.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });
});

describe('RULE_SET_CONFIG_SCHEMA', () => {
  const base = () => clone(defaultRuleSetConfig());

  it('fills missing params with the point defaults', () => {
    const c = base();
    c.points.R13 = { enabled: true, weight: 30, params: { minCount: 7 } };
    expect(RULE_SET_CONFIG_SCHEMA.parse(c).points.R13.params).toEqual({ minCount: 7, windowDays: 30 });
  });

  it.each<[string, (c: ReturnType<typeof base>) => void]>([
    ['weight above 100', (c) => { c.points.R01!.weight = 101; }],
    ['negative weight', (c) => { c.points.R01!.weight = -1; }],
    ['fractional weight', (c) => { c.points.R01!.weight = 12.5; }],
    ['unknown parameter', (c) => { c.points.R13!.params = { minCnt: 5 }; }],
    ['parameter of the wrong type', (c) => { c.points.R13!.params = { minCount: 'five' }; }],
    ['confidence above 1', (c) => { c.points.R29!.params = { minConfidence: 1.5 }; }],
    ['missing point', (c) => { delete c.points.R41; }],
    ['unknown point', (c) => { c.points.R42 = { enabled: true, weight: 1, params: {} }; }],
    ['missing enabled flag', (c) => { delete c.points.R02!.enabled; }],
    ['threshold above 100', (c) => { c.alertThreshold = 101; }],
    ['dual review threshold below the alert threshold', (c) => { c.alertThreshold = 50; c.dualReviewThreshold = 45; }],
    ['unknown top-level key', (c) => { c.version = 3; }],
  ])('rejects %s', (_name, mutate) => {
    const c = base();
    mutate(c);
    expect(RULE_SET_CONFIG_SCHEMA.safeParse(c).success).toBe(false);
  });

  it('accepts equal thresholds and zero weights', () => {
    const c = base();
    c.alertThreshold = 60;
    c.dualReviewThreshold = 60;
    c.points.R07!.weight = 0;
    expect(RULE_SET_CONFIG_SCHEMA.safeParse(c).success).toBe(true);
  });
});

describe('featureRequest', () => {
  it('derives the fetcher windows from the rule set', () => {
    expect(featureRequest(defaultRuleSetConfig())).toEqual({
      handlerNearbyMinutes: 30, applicantRegistrationsDays: 30, applicantPhoneApplicantsDays: 90, addressApplicantsDays: 90,
      agentPrincipalsDays: 30, agentTransactionsDays: 90, bookerApplicantsDays: 7, photoHashMaxDistance: 6,
    });
    const c = clone(defaultRuleSetConfig());
    c.points.R16!.params = { windowDays: 45 };
    expect(featureRequest(RULE_SET_CONFIG_SCHEMA.parse(c)).agentPrincipalsDays).toBe(45);
  });
});
