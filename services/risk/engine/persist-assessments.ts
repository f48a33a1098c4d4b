import { bulkInsertFamily, type BulkColumn } from '../../platform/bulk.ts';
import type { Prisma, Tx } from '../../platform/db.ts';
import type { RiskAssessment } from '../score.ts';

export type AssessmentTrigger = 'INGEST' | 'PHOTOS' | 'RINGS' | 'SWEEP';

/** One transaction version's evaluation, ready to be stored. */
export interface AssessmentDraft {
  readonly transactionId: string;
  readonly version: number;
  readonly ruleSetVersion: string;
  readonly photoChecks: 'PENDING' | 'DONE';
  readonly result: RiskAssessment;
  /** Inputs that arrived after ingestion (photo findings, rings, sweep) that this assessment used. */
  readonly storedFeatures: Prisma.InputJsonObject;
  readonly trigger: AssessmentTrigger;
}

export interface StoredAssessment extends AssessmentDraft {
  readonly assessmentId: bigint;
  /** The transaction's very first assessment (it was created in this database transaction): nothing refers to it yet, no alert either. */
  readonly first?: boolean;
}

const ASSESSMENT_COLUMNS: readonly BulkColumn<AssessmentDraft>[] = [
  { name: 'transaction_id', type: 'text', value: (d) => d.transactionId },
  { name: 'transaction_version', type: 'int', value: (d) => d.version },
  { name: 'rule_set_version', type: 'text', value: (d) => d.ruleSetVersion },
  { name: 'score', type: 'int', value: (d) => d.result.score },
  { name: 'alert', type: 'boolean', value: (d) => d.result.alert },
  { name: 'dual_review', type: 'boolean', value: (d) => d.result.dualReview },
  { name: 'photo_checks', type: 'text', value: (d) => d.photoChecks },
  { name: 'pending', type: 'text[]', value: (d) => d.result.pending.map((p) => p.code) },
  { name: 'errors', type: 'jsonb', value: (d) => d.result.errors },
  { name: 'features', type: 'json', value: (d) => d.storedFeatures },
  { name: 'current', type: 'boolean', value: () => true },
  { name: 'trigger', type: 'text', value: (d) => d.trigger },
];

/** A hit names its assessment by transaction id (one assessment per transaction in a call); the statement joins the id. */
interface HitRow { transactionId: string; riskPoint: string; outcome: string; weight: number; reason: string; evidence: unknown }

const HIT_COLUMNS: readonly BulkColumn<HitRow>[] = [
  { name: 'risk_point', type: 'text', value: (h) => h.riskPoint },
  { name: 'outcome', type: 'text', value: (h) => h.outcome },
  { name: 'weight', type: 'int', value: (h) => h.weight },
  { name: 'reason', type: 'text', value: (h) => h.reason },
  { name: 'evidence', type: 'jsonb', value: (h) => h.evidence },
];

/**
 * Writes assessments as the current ones of their transactions (the previous current one of
 * each stays as history) with one row per fired or erroring point.
 */
export async function persistAssessments(tx: Tx, drafts: readonly AssessmentDraft[], options: { allFirst?: boolean } = {}): Promise<StoredAssessment[]> {
  if (drafts.length === 0) return [];
  // allFirst: transactions created in this very database transaction have no assessment to supersede.
  if (!options.allFirst) await tx.$executeRawUnsafe(`UPDATE assessment SET current = false WHERE transaction_id = ANY($1::text[]) AND current`, drafts.map((d) => d.transactionId));
  const hits: HitRow[] = drafts.flatMap((d) => [
    ...d.result.hits.map((h) => ({ transactionId: d.transactionId, riskPoint: h.code, outcome: 'hit', weight: h.weight, reason: h.reason, evidence: h.evidence })),
    ...d.result.errors.map((e) => ({ transactionId: d.transactionId, riskPoint: e.code, outcome: 'error', weight: 0, reason: `规则执行出错，需人工复核 (${e.message})`, evidence: {} })),
  ]);
  // Assessments and their hits in one statement (one round trip fewer per scored batch).
  const created = await bulkInsertFamily<AssessmentDraft, HitRow, { id: bigint; transaction_id: string }>(
    tx, { table: 'assessment', columns: ASSESSMENT_COLUMNS, rows: drafts, parentKey: 'transaction_id', returning: 'id, transaction_id' },
    { table: 'risk_hit', columns: HIT_COLUMNS, rows: hits, parentKeyOf: (h) => h.transactionId, foreignKey: 'assessment_id' },
  );
  const idOf = new Map(created.map((c) => [c.transaction_id, BigInt(c.id)]));
  return drafts.map((d) => ({ ...d, assessmentId: idOf.get(d.transactionId)!, ...(options.allFirst ? { first: true } : {}) }));
}
