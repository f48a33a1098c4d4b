/**
 * The other half of reuse detection. A transaction is judged against photos ingested before
 * it, but the photo checks of two transactions may finish in either order: when the earlier
 * one is checked last, the later ones holding a near-copy of its photos learn it now — their
 * photo verdicts gain the reason (unless a reviewer already decided) and they are re-assessed.
 */
import { normaliseVin } from '../../domain/index.ts';
import type { Tx } from '../../platform/db.ts';
import { findNearCopies, type HashQuery, type NearCopy } from './near-duplicates.ts';
import type { PhotoVerdict } from './verdict.ts';

interface FindingState { photo_id: bigint; verdict: PhotoVerdict; reasons: string[]; review_due_at: Date | null; reviewed: boolean }

function reuseReason(originalId: string, copy: NearCopy): string {
  return copy.sameSha256 ? `与业务${originalId}的照片完全相同` : `与业务${originalId}的照片高度相似(汉明距离${copy.distance})`;
}

function escalate(verdict: PhotoVerdict, sameSha256: boolean): PhotoVerdict {
  if (verdict === 'FAIL' || sameSha256) return 'FAIL';
  return 'REVIEW';
}

/** Returns the ids of the later transactions that hold a copy of one of these photos. */
export async function flagLaterCopies(
  tx: Tx, original: { id: string; seq: bigint; vin: string | null }, queries: readonly HashQuery[], maxDistance: number, reviewDueAt: Date,
): Promise<string[]> {
  if (queries.length === 0) return [];
  const vin = normaliseVin(original.vin);
  const copies = (await findNearCopies(tx, original.id, original.seq, queries, maxDistance, 'later'))
    .filter((c) => vin === null || c.vin === null || normaliseVin(c.vin) !== vin);
  if (copies.length === 0) return [];
  const states = await tx.$queryRawUnsafe<FindingState[]>(
    `SELECT f.photo_id, f.verdict, f.reasons, f.review_due_at, (r.photo_id IS NOT NULL) AS reviewed
       FROM photo_finding f LEFT JOIN photo_review r ON r.photo_id = f.photo_id
      WHERE f.photo_id = ANY($1::bigint[])`, copies.map((c) => c.photoId.toString()),
  );
  const byPhoto = new Map(states.map((s) => [BigInt(s.photo_id).toString(), s]));
  for (const copy of copies) {
    const state = byPhoto.get(copy.photoId.toString());
    const reason = reuseReason(original.id, copy);
    if (!state || state.reviewed || state.reasons.includes(reason)) continue;
    const verdict = escalate(state.verdict, copy.sameSha256);
    state.reasons.push(reason);
    state.verdict = verdict;
    await tx.$executeRawUnsafe(
      `UPDATE photo_finding SET verdict = $2, auto_verdict = $2, reasons = $3::jsonb, review_due_at = $4::timestamptz WHERE photo_id = $1::bigint`,
      copy.photoId.toString(), verdict, JSON.stringify(state.reasons),
      verdict === 'REVIEW' ? (state.review_due_at ?? reviewDueAt).toISOString() : state.review_due_at?.toISOString() ?? null,
    );
  }
  return [...new Set(copies.map((c) => c.transactionId))];
}
