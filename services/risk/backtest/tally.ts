/**
 * Accumulates replayed transactions into the report's counters and the capped list of
 * changes. Memory stays bounded whatever the history: counters per point, at most `cap` changes.
 */
import { RISK_POINTS, type RiskCode } from '../points/index.ts';
import type { RuleSetConfig } from '../rule-set.ts';
import type { Overall, Outcome, PointReport, TransactionChange } from './report.ts';
import type { LiveSide, Replayed } from './replay-batch.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

function emptyOverall(): Mutable<Overall> {
  const side = () => ({ hits: 0, alerts: 0, dualReviews: 0, errors: 0 });
  return {
    transactions: 0, compared: 0, withoutLiveAssessment: 0, live: side(), draft: side(),
    changedTransactions: 0, alertsRaised: 0, alertsCleared: 0, dualReviewsRaised: 0, dualReviewsCleared: 0, scoreChanged: 0,
  };
}

function emptyPoint(code: RiskCode, live: RuleSetConfig, draft: RuleSetConfig): Mutable<PointReport> {
  const point = RISK_POINTS.find((p) => p.code === code)!;
  const side = () => ({ hits: 0, alerts: 0, dualReviews: 0 });
  return {
    code, nameZh: point.nameZh, nameEn: point.nameEn,
    weight: { live: live.points[code].weight, draft: draft.points[code].weight },
    enabled: { live: live.points[code].enabled, draft: draft.points[code].enabled },
    live: side(), draft: side(), added: 0, removed: 0, pendingInDraft: 0, notReplayable: 0, errors: { live: 0, draft: 0 },
  };
}

function count(side: { hits: number; alerts: number; dualReviews: number }, alert: boolean, dualReview: boolean): void {
  side.hits += 1;
  if (alert) side.alerts += 1;
  if (dualReview) side.dualReviews += 1;
}

export class Tally {
  private readonly overall = emptyOverall();
  private readonly points = new Map<string, Mutable<PointReport>>();
  private readonly changes: TransactionChange[] = [];
  readonly assessedWith: Record<string, number> = {};

  constructor(live: RuleSetConfig, draft: RuleSetConfig, readonly cap: number) {
    for (const p of RISK_POINTS) this.points.set(p.code, emptyPoint(p.code as RiskCode, live, draft));
  }

  add(item: Replayed): void {
    this.overall.transactions += 1;
    if (!item.live) {
      this.overall.withoutLiveAssessment += 1;
      return;
    }
    this.overall.compared += 1;
    this.assessedWith[item.live.ruleSetVersion] = (this.assessedWith[item.live.ruleSetVersion] ?? 0) + 1;
    const after = outcomeOf(item);
    this.countSides(item.live, after);
    const pending = new Set(item.draft.pending.map((p) => p.code));
    const liveHits = new Set(item.live.hits);
    const draftHits = new Set(after.hits);
    const notReplayable = item.live.hits.filter((c) => !draftHits.has(c) && pending.has(c));
    const added = after.hits.filter((c) => !liveHits.has(c));
    const removed = item.live.hits.filter((c) => !draftHits.has(c) && !pending.has(c));
    for (const code of pending) this.points.get(code)!.pendingInDraft += 1;
    for (const code of notReplayable) this.points.get(code)!.notReplayable += 1;
    for (const code of added) this.points.get(code)!.added += 1;
    for (const code of removed) this.points.get(code)!.removed += 1;
    this.compareBands(item.live, after);
    if (added.length === 0 && removed.length === 0 && item.live.alert === after.alert && item.live.dualReview === after.dualReview) return;
    this.overall.changedTransactions += 1;
    if (this.changes.length >= this.cap) return;
    const { ruleSetVersion, ...before } = item.live;
    this.changes.push({
      transactionId: item.row.id, version: item.row.version, seq: item.row.seq.toString(), acceptedAt: item.row.acceptedAt.toISOString(),
      liveRuleSetVersion: ruleSetVersion, before, after, added, removed, notReplayable,
    });
  }

  private countSides(live: LiveSide, after: Outcome): void {
    for (const [side, outcome, totals] of [['live', live, this.overall.live], ['draft', after, this.overall.draft]] as const) {
      totals.hits += outcome.hits.length;
      totals.errors += outcome.errors.length;
      if (outcome.alert) totals.alerts += 1;
      if (outcome.dualReview) totals.dualReviews += 1;
      for (const code of outcome.hits) {
        const point = this.points.get(code);
        if (point) count(point[side], outcome.alert, outcome.dualReview);
      }
      for (const code of outcome.errors) {
        const point = this.points.get(code);
        if (point) point.errors[side] += 1;
      }
    }
  }

  private compareBands(live: LiveSide, after: Outcome): void {
    if (!live.alert && after.alert) this.overall.alertsRaised += 1;
    if (live.alert && !after.alert) this.overall.alertsCleared += 1;
    if (!live.dualReview && after.dualReview) this.overall.dualReviewsRaised += 1;
    if (live.dualReview && !after.dualReview) this.overall.dualReviewsCleared += 1;
    if (live.score !== after.score) this.overall.scoreChanged += 1;
  }

  result(): { overall: Overall; points: PointReport[]; changes: TransactionChange[] } {
    return { overall: this.overall, points: [...this.points.values()], changes: this.changes };
  }
}

function outcomeOf(item: Replayed): Outcome {
  const d = item.draft;
  return { score: d.score, alert: d.alert, dualReview: d.dualReview, hits: d.hits.map((h) => h.code).sort(), errors: d.errors.map((e) => e.code).sort() };
}
