import type { IngestHook, StoredTransaction } from '../../ingest/ingest-transactions.ts';
import type { Tx } from '../../platform/db.ts';
import type { Features } from '../features.ts';
import { evaluateAll } from '../score.ts';
import { RuleSetCache } from './active-rule-set.ts';
import { buildAggregates, type BatchItem } from './build-aggregates.ts';
import { persistAssessments, type AssessmentDraft, type StoredAssessment } from './persist-assessments.ts';
import { ReferenceCache, referenceFeatures } from './reference-snapshot.ts';
import { revisionContexts } from './revision-context.ts';

/** Called with every batch of new assessments, inside the same database transaction (alerts). */
export type AssessedListener = (tx: Tx, assessments: readonly StoredAssessment[]) => Promise<void>;

export interface ScoringEngine {
  readonly hook: IngestHook;
  readonly rules: RuleSetCache;
  readonly reference: ReferenceCache;
}

export function auditFacts(a: StoredAssessment): Record<string, unknown> {
  return { id: a.assessmentId.toString(), ruleSetVersion: a.ruleSetVersion, score: a.result.score, alert: a.result.alert, dualReview: a.result.dualReview, hits: a.result.hits.map((h) => h.code), trigger: a.trigger };
}

async function batchItems(tx: Tx, stored: readonly StoredTransaction[]): Promise<BatchItem[]> {
  const rows = await tx.transaction.findMany({ where: { id: { in: stored.map((s) => s.transaction.id) } }, select: { id: true, seq: true } });
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
  return stored.map((s) => ({ transaction: s.transaction, seq: seqOf.get(s.transaction.id)! }));
}

/**
 * Scores transactions as they are ingested, inside the ingest transaction: an assessment
 * exists exactly when its transaction version does, and windows see precisely the
 * transactions ingested before (identical on every replay and on both back ends).
 */
export function createScoringEngine(listeners: readonly AssessedListener[] = []): ScoringEngine {
  const rules = new RuleSetCache();
  const reference = new ReferenceCache();
  const hook: IngestHook = async (tx, stored) => {
    const snapshot = await reference.get(tx);
    const ruleSet = await rules.get(tx);
    const items = await batchItems(tx, stored);
    const aggregates = await buildAggregates(tx, items, ruleSet.request, snapshot);
    const revisions = await revisionContexts(tx, stored.filter((s) => s.outcome === 'revised').map((s) => ({ id: s.transaction.id, version: s.transaction.version })));
    const drafts: AssessmentDraft[] = stored.map((s) => {
      const t = s.transaction;
      const features: Features = {
        tx: t,
        reference: referenceFeatures(snapshot, t),
        revision: revisions.get(t.id) ?? null,
        aggregates: aggregates.get(t.id)!,
        // A transaction without photos has nothing to wait for: R28 can judge it now.
        photos: t.photos.length === 0 ? [] : undefined,
        rings: undefined,
        toleranceSweep: undefined,
      };
      return {
        transactionId: t.id, version: t.version, ruleSetVersion: ruleSet.version,
        photoChecks: t.photos.length === 0 ? 'DONE' : 'PENDING',
        result: evaluateAll(features, ruleSet.config),
        // Aggregates are not stored: a re-assessment recomputes them over the same ingestion
        // order (o.seq <= this seq), which costs less than writing them for every transaction.
        storedFeatures: {},
        trigger: 'INGEST',
      };
    });
    const assessed = await persistAssessments(tx, drafts);
    for (const listener of listeners) await listener(tx, assessed);
    // The assessment is part of the ingestion's state change: it is recorded in that audit entry.
    return new Map(assessed.map((a) => [a.transactionId, { assessment: auditFacts(a) }]));
  };
  return { hook, rules, reference };
}
