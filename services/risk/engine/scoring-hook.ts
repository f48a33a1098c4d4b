import { appendAudit } from '../../audit/index.ts';
import { currentPayloads } from '../../ingest/queries.ts';
import type { HeldWrites, IngestHook, StoredTransaction } from '../../ingest/ingest-transactions.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Prisma, Tx } from '../../platform/db.ts';
import type { Features, FlaggedRing, PhotoFindings, ToleranceSweepState } from '../features.ts';
import { evaluateAll } from '../score.ts';
import { RuleSetCache } from './active-rule-set.ts';
import { buildAggregates, type BatchItem } from './build-aggregates.ts';
import { readCacheMarkers, type CacheMarkers } from './cache-markers.ts';
import { persistAssessments, type AssessmentDraft, type AssessmentTrigger, type StoredAssessment } from './persist-assessments.ts';
import { ReferenceCache, referenceFeatures } from './reference-snapshot.ts';
import { revisionContexts } from './revision-context.ts';
import { RingCache } from './rings.ts';

/** Called with every batch of new assessments, inside the same database transaction (alerts). */
export type AssessedListener = (tx: Tx, assessments: readonly StoredAssessment[]) => Promise<void>;

/** Inputs that arrive after ingestion: photo findings, flagged rings, the tolerance sweep. */
export interface LaterInputs {
  readonly photos?: readonly PhotoFindings[];
  readonly rings?: readonly FlaggedRing[];
  readonly toleranceSweep?: ToleranceSweepState;
}

export interface ScoringEngine {
  readonly hook: IngestHook;
  /** Re-assesses current versions when later inputs arrive; the earlier assessment stays as history. */
  reassess(tx: Tx, inputs: ReadonlyMap<string, LaterInputs>, trigger: AssessmentTrigger): Promise<StoredAssessment[]>;
  readonly rules: RuleSetCache;
  readonly reference: ReferenceCache;
}

interface ScoringItem extends BatchItem {
  readonly later: LaterInputs;
}

export function auditFacts(a: StoredAssessment): Record<string, unknown> {
  return { id: a.assessmentId.toString(), ruleSetVersion: a.ruleSetVersion, score: a.result.score, alert: a.result.alert, dualReview: a.result.dualReview, hits: a.result.hits.map((h) => h.code), trigger: a.trigger };
}

async function seqsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await tx.transaction.findMany({ where: { id: { in: [...ids] } }, select: { id: true, seq: true } });
  return new Map(rows.map((r) => [r.id, r.seq]));
}

/** Later inputs already known for each transaction: those its current assessment was made with. */
async function knownLaterInputs(tx: Tx, ids: readonly string[]): Promise<Map<string, LaterInputs>> {
  const rows = await tx.assessment.findMany({ where: { transactionId: { in: [...ids] }, current: true }, select: { transactionId: true, features: true } });
  return new Map(rows.map((r) => [r.transactionId, (r.features ?? {}) as LaterInputs]));
}

function photoChecksOf(t: Transaction, later: LaterInputs): 'PENDING' | 'DONE' {
  return t.photos.length === 0 || later.photos !== undefined ? 'DONE' : 'PENDING';
}

/**
 * Scores transactions inside the database transaction that stores them or their later
 * inputs: an assessment exists exactly when what it judged does, and windows see precisely
 * the transactions ingested before (identical on every replay and on both back ends).
 */
export function createScoringEngine(listeners: readonly AssessedListener[] = []): ScoringEngine {
  const rules = new RuleSetCache();
  const reference = new ReferenceCache();
  const ringCache = new RingCache();

  const assessItems = async (tx: Tx, markers: CacheMarkers, items: readonly ScoringItem[], trigger: AssessmentTrigger, held?: HeldWrites, allFirst = false): Promise<StoredAssessment[]> => {
    const snapshot = await reference.get(tx, markers.referenceVersion);
    const ruleSet = await rules.get(tx, markers.liveRuleSet);
    const aggregates = await buildAggregates(tx, items, ruleSet.request, snapshot);
    const revisions = await revisionContexts(tx, items.filter((i) => i.transaction.version > 1).map((i) => ({ id: i.transaction.id, version: i.transaction.version })));
    // Every read is done: ingestion's held writes go to the server while Node evaluates.
    await held?.release();
    const drafts: AssessmentDraft[] = items.map(({ transaction: t, later }) => {
      const features: Features = {
        tx: t,
        reference: referenceFeatures(snapshot, t),
        revision: revisions.get(t.id) ?? null,
        aggregates: aggregates.get(t.id)!,
        // A transaction without photos has nothing to wait for: R28 can judge it now.
        photos: later.photos ?? (t.photos.length === 0 ? [] : undefined),
        rings: later.rings,
        toleranceSweep: later.toleranceSweep,
      };
      return {
        transactionId: t.id, version: t.version, ruleSetVersion: ruleSet.version, photoChecks: photoChecksOf(t, later),
        result: evaluateAll(features, ruleSet.config),
        // Aggregates are not stored: a re-assessment recomputes them over the same ingestion
        // order (o.seq <= this seq), which costs less than writing them for every transaction.
        // Rings are not stored per assessment: they are global and read when scoring.
        storedFeatures: { photos: later.photos, toleranceSweep: later.toleranceSweep } as unknown as Prisma.InputJsonObject,
        trigger,
      };
    });
    await held?.settled();
    const assessed = await persistAssessments(tx, drafts, { allFirst });
    for (const listener of listeners) await listener(tx, assessed);
    return assessed;
  };

  const hook: IngestHook = async (tx, stored: readonly StoredTransaction[], held) => {
    // R21 judges by the rings flagged at the time of scoring (undefined: the detector never ran).
    const markers = await readCacheMarkers(tx);
    const rings = await ringCache.get(tx, markers.ringsPublishedAt);
    const later: LaterInputs = rings === undefined ? {} : { rings };
    const allCreated = stored.every((s) => s.outcome === 'created');
    const assessed = await assessItems(tx, markers, stored.map((s) => ({ transaction: s.transaction, seq: s.seq, later })), 'INGEST', held, allCreated);
    // The assessment is part of the ingestion's state change: it is recorded in that audit entry.
    return new Map(assessed.map((a) => [a.transactionId, { assessment: auditFacts(a) }]));
  };

  const reassess: ScoringEngine['reassess'] = async (tx, inputs, trigger) => {
    const ids = [...inputs.keys()];
    if (ids.length === 0) return [];
    const markers = await readCacheMarkers(tx);
    const [payloads, seqs, known, rings] = [await currentPayloads(tx, ids), await seqsOf(tx, ids), await knownLaterInputs(tx, ids), await ringCache.get(tx, markers.ringsPublishedAt)];
    const items: ScoringItem[] = ids.filter((id) => payloads.has(id)).map((id) => ({
      transaction: payloads.get(id)!, seq: seqs.get(id)!, later: { ...(rings === undefined ? {} : { rings }), ...known.get(id), ...inputs.get(id) },
    }));
    const assessed = await assessItems(tx, markers, items, trigger);
    await appendAudit(tx, assessed.map((a) => ({ actor: 'system', action: 'assessment.updated', entityType: 'transaction', entityId: a.transactionId, data: auditFacts(a) })));
    return assessed;
  };

  return { hook, reassess, rules, reference };
}
