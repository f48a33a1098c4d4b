export * from './features.ts';
export * from './feature-request.ts';
export * from './rule-set.ts';
export * from './score.ts';
export { RISK_POINTS, RISK_CODES, type RiskCode } from './points/index.ts';
export type { AnyRiskPoint, Evidence, EvidenceValue, RiskCategory, RiskOutcome, RiskPoint, RiskTiming } from './points/types.ts';
