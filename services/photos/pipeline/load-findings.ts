/**
 * The photo findings of transactions as the risk points read them, rebuilt from the database:
 * stored model findings, reviewers' decisions, and near-duplicates among the photos of
 * transactions ingested before (looked up now, so a photo checked later still counts).
 */
import type { PhotoKind } from '../../domain/index.ts';
import type { Tx } from '../../platform/db.ts';
import type { PhotoFindings } from '../../risk/photo-findings.ts';
import { findNearDuplicates } from './near-duplicates.ts';
import { fromStoredFindings, type StoredFindings } from './stored-findings.ts';

interface PhotoStateRow {
  transaction_id: string;
  seq: bigint;
  position: number;
  kind: PhotoKind;
  sha256: string | null;
  findings: StoredFindings | null;
  reviewer_verdict: 'PASS' | 'FAIL' | null;
}

/**
 * Per transaction: its photos' findings in declaration order, or undefined while any of its
 * photos has not been through the models yet (photoChecks PENDING).
 */
export async function loadPhotoFindings(tx: Tx, ids: readonly string[], maxDistance: number): Promise<Map<string, PhotoFindings[] | undefined>> {
  const rows = await tx.$queryRawUnsafe<PhotoStateRow[]>(
    `SELECT p.transaction_id, t.seq, p.position, p.kind, p.sha256, f.findings, r.verdict AS reviewer_verdict
       FROM photo p
       JOIN "transaction" t ON t.id = p.transaction_id
       LEFT JOIN photo_finding f ON f.photo_id = p.id
       LEFT JOIN photo_review r ON r.photo_id = p.id
      WHERE p.transaction_id = ANY($1::text[])
      ORDER BY p.transaction_id, p.position`, [...ids],
  );
  const byTx = new Map<string, PhotoStateRow[]>();
  for (const row of rows) byTx.set(row.transaction_id, [...(byTx.get(row.transaction_id) ?? []), row]);
  const out = new Map<string, PhotoFindings[] | undefined>();
  for (const [id, photos] of byTx) {
    if (photos.some((p) => p.findings === null)) {
      out.set(id, undefined);
      continue;
    }
    const seq = BigInt(photos[0]!.seq);
    const queries = photos.flatMap((p) => (p.findings?.phash ? [{ photoIndex: p.position, phash: p.findings.phash, sha256: p.sha256 }] : []));
    const near = await findNearDuplicates(tx, id, seq, queries, maxDistance);
    out.set(id, photos.map((p) => fromStoredFindings(
      { index: p.position, kind: p.kind, sha256: p.sha256, findings: p.findings!, reviewerVerdict: p.reviewer_verdict },
      near.filter((m) => m.photoIndex === p.position),
    )));
  }
  return out;
}
