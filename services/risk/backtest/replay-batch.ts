/**
 * Replays one batch of stored transactions under a draft rule set: the windowed aggregates are
 * recomputed with the draft's windows by the live fetcher (buildAggregates, over the history
 * view of history-view.ts), the revision context is rebuilt from the stored versions, and the
 * inputs of later stages (photos, rings, sweep) are taken from what the live assessment stored,
 * or left pending. Reads only (the history view is a temporary table).
 */
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Tx } from '../../platform/db.ts';
import { buildAggregates } from '../engine/build-aggregates.ts';
import { referenceFeatures, type ReferenceSnapshot } from '../engine/reference-snapshot.ts';
import { revisionContexts } from '../engine/revision-context.ts';
import type { FeatureRequest } from '../feature-request.ts';
import { currentPayloads } from '../../ingest/queries.ts';
import type { Features, FlaggedRing, PhotoFindings, ToleranceSweepState } from '../features.ts';
import type { RuleSetConfig } from '../rule-set.ts';
import { evaluateAll, type RiskAssessment } from '../score.ts';
import type { HistoryView } from './history-view.ts';

export const BATCH_SIZE = 1_000;

export interface StoredRow {
  readonly id: string;
  readonly version: number;
  readonly seq: bigint;
  readonly acceptedAt: Date;
  readonly payload: unknown;
}

export interface LiveSide {
  readonly ruleSetVersion: string;
  readonly score: number;
  readonly alert: boolean;
  readonly dualReview: boolean;
  readonly hits: readonly string[];
  readonly errors: readonly string[];
}

export interface Replayed {
  readonly row: StoredRow;
  /** Null when the transaction has no current assessment (stored before scoring existed). */
  readonly live: LiveSide | null;
  readonly draft: RiskAssessment;
}

export interface ReplayContext {
  readonly draft: RuleSetConfig;
  readonly request: FeatureRequest;
  readonly reference: ReferenceSnapshot;
  readonly history: HistoryView;
}

/** The next batch after `afterSeq`, in ingestion order, current versions only. */
export async function loadBatch(tx: Tx, range: { from: Date | null; to: Date | null }, afterSeq: bigint): Promise<StoredRow[]> {
  const rows = await tx.transaction.findMany({
    where: { seq: { gt: afterSeq }, acceptedAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) } },
    orderBy: { seq: 'asc' },
    take: BATCH_SIZE,
    select: { id: true, version: true, seq: true, acceptedAt: true },
  });
  const payloads = await currentPayloads(tx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, payload: payloads.get(r.id) }));
}

interface LiveRow extends LiveSide {
  readonly features: Record<string, unknown>;
}

async function liveAssessments(tx: Tx, ids: readonly string[]): Promise<Map<string, LiveRow>> {
  const rows = await tx.assessment.findMany({
    where: { transactionId: { in: [...ids] }, current: true },
    select: { transactionId: true, ruleSetVersion: true, score: true, alert: true, dualReview: true, features: true, hits: { select: { riskPoint: true, outcome: true } } },
  });
  return new Map(rows.map((r) => [r.transactionId, {
    ruleSetVersion: r.ruleSetVersion, score: r.score, alert: r.alert, dualReview: r.dualReview,
    hits: r.hits.filter((h) => h.outcome === 'hit').map((h) => h.riskPoint).sort(),
    errors: r.hits.filter((h) => h.outcome === 'error').map((h) => h.riskPoint).sort(),
    features: typeof r.features === 'object' && r.features !== null && !Array.isArray(r.features) ? r.features as Record<string, unknown> : {},
  }]));
}

/**
 * Later-stage inputs: what the live assessment stored, when it stored them; otherwise what
 * ingestion itself knows (a transaction without photos has no photo findings to wait for).
 */
function laterInputs(t: Transaction, stored: Record<string, unknown>): Pick<Features, 'photos' | 'rings' | 'toleranceSweep'> {
  const sweep = stored.toleranceSweep;
  return {
    photos: Array.isArray(stored.photos) ? stored.photos as PhotoFindings[] : (t.photos.length === 0 ? [] : undefined),
    rings: Array.isArray(stored.rings) ? stored.rings as FlaggedRing[] : undefined,
    toleranceSweep: typeof sweep === 'object' && sweep !== null ? sweep as ToleranceSweepState : undefined,
  };
}

export async function replayBatch(tx: Tx, rows: readonly StoredRow[], ctx: ReplayContext): Promise<Replayed[]> {
  const order = await ctx.history.orderOf(tx, rows);
  // The stored payload is the validated transaction as JSON (photo sources replaced by their sha256).
  const items = rows.map((r) => ({ transaction: r.payload as Transaction, seq: order.get(r.id) ?? r.seq }));
  const aggregates = await buildAggregates(tx, items, ctx.request, ctx.reference);
  const revisions = await revisionContexts(tx, rows.filter((r) => r.version > 1).map((r) => ({ id: r.id, version: r.version })));
  const live = await liveAssessments(tx, rows.map((r) => r.id));
  return items.map(({ transaction: t }, index) => {
    const liveRow = live.get(t.id);
    const features: Features = {
      tx: t,
      reference: referenceFeatures(ctx.reference, t),
      revision: revisions.get(t.id) ?? null,
      aggregates: aggregates.get(t.id)!,
      ...laterInputs(t, liveRow?.features ?? {}),
    };
    const liveSide = liveRow ? { ruleSetVersion: liveRow.ruleSetVersion, score: liveRow.score, alert: liveRow.alert, dualReview: liveRow.dualReview, hits: liveRow.hits, errors: liveRow.errors } : null;
    return { row: rows[index]!, live: liveSide, draft: evaluateAll(features, ctx.draft) };
  });
}
