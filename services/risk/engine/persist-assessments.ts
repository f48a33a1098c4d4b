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
  /** What later re-assessments need again: aggregates and revision context (see features.ts). */
  readonly storedFeatures: Prisma.InputJsonObject;
  readonly trigger: AssessmentTrigger;
}

export interface StoredAssessment extends AssessmentDraft {
  readonly assessmentId: bigint;
}

/**
 * Writes assessments as the current ones of their transactions (the previous current one of
 * each stays as history) with one row per fired or erroring point.
 */
export async function persistAssessments(tx: Tx, drafts: readonly AssessmentDraft[]): Promise<StoredAssessment[]> {
  if (drafts.length === 0) return [];
  await tx.assessment.updateMany({ where: { transactionId: { in: drafts.map((d) => d.transactionId) }, current: true }, data: { current: false } });
  const created = await tx.assessment.createManyAndReturn({
    data: drafts.map((d) => ({
      transactionId: d.transactionId,
      transactionVersion: d.version,
      ruleSetVersion: d.ruleSetVersion,
      score: d.result.score,
      alert: d.result.alert,
      dualReview: d.result.dualReview,
      photoChecks: d.photoChecks,
      pending: d.result.pending.map((p) => p.code),
      errors: d.result.errors as unknown as Prisma.InputJsonArray,
      features: d.storedFeatures,
      current: true,
      trigger: d.trigger,
    })),
    select: { id: true, transactionId: true },
  });
  const idOf = new Map(created.map((c) => [c.transactionId, c.id]));
  const hits = drafts.flatMap((d) => [
    ...d.result.hits.map((h) => ({ assessmentId: idOf.get(d.transactionId)!, riskPoint: h.code, outcome: 'hit', weight: h.weight, reason: h.reason, evidence: h.evidence as Prisma.InputJsonObject })),
    ...d.result.errors.map((e) => ({ assessmentId: idOf.get(d.transactionId)!, riskPoint: e.code, outcome: 'error', weight: 0, reason: `规则执行出错，需人工复核 (${e.message})`, evidence: {} })),
  ]);
  if (hits.length > 0) await tx.riskHit.createMany({ data: hits });
  return drafts.map((d) => ({ ...d, assessmentId: idOf.get(d.transactionId)! }));
}
