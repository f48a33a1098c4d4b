/**
 * Current assessments in the interchange.md §5 shape — what `npm run assess` writes and what the
 * API answers for one transaction: score, alert, dual review, photo-check state, pending points,
 * hits with weight, reason and evidence, and what the models found in each photo.
 */
import type { Database } from '../../platform/db.ts';

export interface AssessmentPhotoLine {
  readonly kind: string;
  readonly sha256: string | null;
  /** Null while the photo has not been through the models. */
  readonly verdict: string | null;
  readonly findings: unknown;
}

export interface AssessmentDocument {
  readonly transactionId: string;
  readonly version: number;
  readonly ruleSetVersion: string;
  readonly score: number;
  readonly alert: boolean;
  readonly dualReview: boolean;
  readonly photoChecks: string;
  readonly pending: string[];
  readonly hits: Array<{ riskPoint: string; weight: number; reason: string; evidence: unknown }>;
  readonly photos: AssessmentPhotoLine[];
}

/** The documents of the given transactions that have an assessment, keyed by id. */
export async function assessmentDocuments(db: Database, ids: readonly string[]): Promise<Map<string, AssessmentDocument>> {
  const rows = await db.prisma.assessment.findMany({
    where: { transactionId: { in: [...ids] }, current: true },
    include: { hits: { where: { outcome: 'hit' }, orderBy: { riskPoint: 'asc' } } },
  });
  const photos = await photosOf(db, ids);
  return new Map(rows.map((a) => [a.transactionId, {
    transactionId: a.transactionId, version: a.transactionVersion, ruleSetVersion: a.ruleSetVersion, score: a.score,
    alert: a.alert, dualReview: a.dualReview, photoChecks: a.photoChecks, pending: a.pending,
    hits: a.hits.map((h) => ({ riskPoint: h.riskPoint, weight: h.weight, reason: h.reason, evidence: h.evidence })),
    photos: photos.get(a.transactionId) ?? [],
  }]));
}

async function photosOf(db: Database, ids: readonly string[]): Promise<Map<string, AssessmentPhotoLine[]>> {
  const rows = await db.prisma.photo.findMany({
    where: { transactionId: { in: [...ids] } },
    orderBy: [{ transactionId: 'asc' }, { position: 'asc' }],
    select: { transactionId: true, kind: true, sha256: true, finding: { select: { verdict: true, findings: true } } },
  });
  const byId = new Map<string, AssessmentPhotoLine[]>();
  for (const row of rows) {
    const line = { kind: row.kind, sha256: row.sha256, verdict: row.finding?.verdict ?? null, findings: photoFindingsOnly(row.finding?.findings ?? null) };
    byId.set(row.transactionId, [...(byId.get(row.transactionId) ?? []), line]);
  }
  return byId;
}

/** §5 lists what the models found; the stored detail block (EXIF, per-person scores) stays internal. */
function photoFindingsOnly(findings: unknown): unknown {
  if (findings === null || typeof findings !== 'object') return findings;
  const { detail: _detail, ...rest } = findings as Record<string, unknown>;
  return rest;
}
