/**
 * The backtest report: what a draft rule set would have done to stored history, next to what
 * the live assessments did. Plain JSON (no bigint, no Date) so it can be written as is.
 */
import type { Change, ConfigDiff } from '../rule-sets/diff.ts';
import type { HistoryMode } from './history-view.ts';

/** Per side: transactions where the point fired, and how many of those raised an alert / dual review. */
export interface SideCounts {
  readonly hits: number;
  readonly alerts: number;
  readonly dualReviews: number;
}

export interface PointReport {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** live = the rule set published now (older assessments may have used another, see assessedWith). */
  readonly weight: Change<number>;
  readonly enabled: Change<boolean>;
  readonly live: SideCounts;
  readonly draft: SideCounts;
  /** Transactions the point newly fires on / no longer fires on. */
  readonly added: number;
  readonly removed: number;
  /** Transactions where the draft could not evaluate the point (its inputs are not stored). */
  readonly pendingInDraft: number;
  /** Of those, transactions where the point had fired live: not counted as removed. */
  readonly notReplayable: number;
  readonly errors: Change<number>;
}

export interface OverallCounts {
  readonly hits: number;
  readonly alerts: number;
  readonly dualReviews: number;
  /** Points that threw (they force review). */
  readonly errors: number;
}

export interface Overall {
  /** Current transaction versions with acceptedAt in the range. */
  readonly transactions: number;
  /** Of those, the ones with a live current assessment: the only ones compared. */
  readonly compared: number;
  readonly withoutLiveAssessment: number;
  readonly live: OverallCounts;
  readonly draft: OverallCounts;
  readonly changedTransactions: number;
  readonly alertsRaised: number;
  readonly alertsCleared: number;
  readonly dualReviewsRaised: number;
  readonly dualReviewsCleared: number;
  readonly scoreChanged: number;
}

export interface Outcome {
  readonly score: number;
  readonly alert: boolean;
  readonly dualReview: boolean;
  readonly hits: readonly string[];
  readonly errors: readonly string[];
}

export interface TransactionChange {
  readonly transactionId: string;
  readonly version: number;
  /** Ingestion order, as a decimal string. */
  readonly seq: string;
  readonly acceptedAt: string;
  /** The live assessment's rule-set version. */
  readonly liveRuleSetVersion: string;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Hit live, pending in the replay (photo, ring or sweep inputs not stored). */
  readonly notReplayable: readonly string[];
}

export interface BacktestReport {
  readonly generatedAt: string;
  readonly seconds: number;
  /** [from, to) on acceptedAt; null = unbounded. */
  readonly range: { readonly from: string | null; readonly to: string | null };
  readonly liveRuleSet: { readonly version: string; readonly stored: boolean };
  /**
   * How windows placed other transactions: by the audit position of their first version
   * (ingestion-order), or by their stored seq when the audit chain was incomplete (current-seq).
   */
  readonly windowsOrder: HistoryMode;
  /** Live assessments compared, by the rule-set version they were scored with. */
  readonly assessedWith: Readonly<Record<string, number>>;
  readonly configChanges: ConfigDiff;
  readonly overall: Overall;
  /** Every point of the catalogue, in catalogue order. */
  readonly points: readonly PointReport[];
  /** The first `changesCap` changed transactions in ingestion order. */
  readonly changes: readonly TransactionChange[];
  readonly changesCap: number;
  /** What the replay could not reproduce, in words (Chinese and English). */
  readonly notes: readonly string[];
}
