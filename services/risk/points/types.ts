/**
 * The contract of a risk point module. `evaluate` is pure and synchronous: it reads only the
 * Features and its parameters, never the clock, the database or the environment.
 *
 * Outcomes
 * - hit: the trigger holds; `reason` is a concrete Chinese sentence for the reviewer and
 *   `evidence` the numbers behind it (no raw ID numbers or phones: the alert inbox shows
 *   evidence to roles that may not see personal data).
 * - miss: the trigger does not hold, or it does not apply to this transaction (no agent for
 *   an agent rule; a field the transaction legitimately lacks, such as a null plate).
 * - pending: an input that will or should exist is not there yet — photo findings, the ring
 *   detector, the tolerance sweep, or reference data the point needs (a station or its
 *   coordinates). Per the spec a point that cannot be evaluated does not fire and the
 *   assessment lists it as pending.
 * A point that throws (for example on a window mismatch, see features.ts) becomes an
 * `error` outcome in the scorer.
 */
import type { z } from 'zod';
import type { Features } from '../features.ts';

export type RiskCategory = 'HANDLER' | 'APPLICANT' | 'INTERMEDIARY' | 'MATERIALS' | 'PHOTOS' | 'PROCESS';

/**
 * The stage after which the point's inputs are complete: INGEST (the transaction, reference
 * data and windowed aggregates), PHOTOS (the photo pipeline), RINGS (the ring detector),
 * SWEEP (the tolerance sweep). A point may hit earlier than its stage (R28 for a photo kind
 * that was never declared); before its stage it otherwise reports pending.
 */
export type RiskTiming = 'INGEST' | 'PHOTOS' | 'RINGS' | 'SWEEP';

export type EvidenceScalar = number | string | boolean | null;
export type EvidenceValue = EvidenceScalar | readonly (EvidenceScalar | Readonly<Record<string, EvidenceScalar>>)[];
export type Evidence = Readonly<Record<string, EvidenceValue>>;

export type RiskOutcome =
  | { readonly outcome: 'hit'; readonly reason: string; readonly evidence: Evidence }
  | { readonly outcome: 'miss' }
  | { readonly outcome: 'pending'; readonly waitingFor: string };

export interface RiskPoint<P> {
  /** R01 … R41, fixed by the spec. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly category: RiskCategory;
  /** The spec's default weight, 0–100. */
  readonly defaultWeight: number;
  /** The ◆ flag: a hit raises an alert and requires dual review whatever the score. */
  readonly dualReview: boolean;
  readonly timing: RiskTiming;
  /** Parameters with the spec's defaults: `paramsSchema.parse({})` gives them. */
  readonly paramsSchema: z.ZodType<P>;
  /** Version of the rule logic; bumped whenever `evaluate` changes meaning. */
  readonly version: number;
  evaluate(features: Features, params: P): RiskOutcome;
}

/**
 * Any point, whatever its parameters (`evaluate` is a method, so its parameter is bivariant);
 * the scorer validates params with the point's `paramsSchema` before calling it.
 */
export type AnyRiskPoint = RiskPoint<unknown>;

export const MISS: RiskOutcome = Object.freeze({ outcome: 'miss' });

export function hit(reason: string, evidence: Evidence = {}): RiskOutcome {
  return { outcome: 'hit', reason, evidence };
}

export function pending(waitingFor: string): RiskOutcome {
  return { outcome: 'pending', waitingFor };
}

/** What a pending point waits for; free text elsewhere, but these are the usual ones. */
export const WAITING = {
  photos: 'photo checks',
  rings: 'ring detection',
  sweep: 'tolerance sweep',
  station: 'reference data: station',
  stationPosition: 'reference data: station coordinates',
} as const;

/** Thrown when the fetcher used another window than the parameter asks for. */
export class WindowMismatchError extends Error {
  constructor(aggregate: string, used: number, wanted: number) {
    super(`${aggregate}: fetched over ${used}, parameter asks for ${wanted}`);
    this.name = 'WindowMismatchError';
  }
}

/** The value of a windowed aggregate, after checking it was fetched over the wanted window. */
export function windowValue<T>(aggregate: string, windowed: { readonly windowDays: number; readonly value: T }, wantedDays: number): T {
  if (windowed.windowDays !== wantedDays) throw new WindowMismatchError(aggregate, windowed.windowDays, wantedDays);
  return windowed.value;
}
