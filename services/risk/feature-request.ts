/**
 * What the feature fetcher must be told: the windows and radii of the active rule set. The
 * fetcher computes each windowed aggregate over exactly these and echoes them back in
 * Features (see the header of features.ts), so a point can check it judges the window it
 * was configured for.
 */
import { R04, R13, R14, R15, R16, R19, R20, R33 } from './points/index.ts';
import type { RuleSetConfig } from './rule-set.ts';

export interface FeatureRequest {
  /** Aggregates.handlerNearby: |Δ acceptedAt| ≤ this many minutes (R04). */
  readonly handlerNearbyMinutes: number;
  /** Aggregates.applicantRegistrations window, days (R13). */
  readonly applicantRegistrationsDays: number;
  /** Aggregates.applicantPhoneApplicants window, days (R14). */
  readonly applicantPhoneApplicantsDays: number;
  /** Aggregates.addressApplicants window, days (R15). */
  readonly addressApplicantsDays: number;
  /** Aggregates.agentPrincipals window, days (R16). */
  readonly agentPrincipalsDays: number;
  /** Aggregates.agentTransactions window, days (R19). */
  readonly agentTransactionsDays: number;
  /** Aggregates.bookerPhoneApplicants and bookerAccountApplicants window, days (R20). */
  readonly bookerApplicantsDays: number;
  /** Largest perceptual-hash Hamming distance the photo pipeline must report as a near duplicate (R33). */
  readonly photoHashMaxDistance: number;
}

/** The request for a rule set (disabled points still get their window: it costs nothing). */
export function featureRequest(ruleSet: RuleSetConfig): FeatureRequest {
  const params = ruleSet.points;
  return {
    handlerNearbyMinutes: R04.paramsSchema.parse(params.R04.params).withinMinutes,
    applicantRegistrationsDays: R13.paramsSchema.parse(params.R13.params).windowDays,
    applicantPhoneApplicantsDays: R14.paramsSchema.parse(params.R14.params).windowDays,
    addressApplicantsDays: R15.paramsSchema.parse(params.R15.params).windowDays,
    agentPrincipalsDays: R16.paramsSchema.parse(params.R16.params).windowDays,
    agentTransactionsDays: R19.paramsSchema.parse(params.R19.params).windowDays,
    bookerApplicantsDays: R20.paramsSchema.parse(params.R20.params).windowDays,
    photoHashMaxDistance: R33.paramsSchema.parse(params.R33.params).maxHammingDistance,
  };
}
