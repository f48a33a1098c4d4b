/**
 * One transaction's photos as a reviewer sees them: the record's plate, VIN and colour beside
 * what the models read, each photo's verdict and reasons, the reviewer's decision, and for a
 * reuse the other photo (with its transaction and distance) to put side by side.
 */
import { findNearCopies } from '../../photos/pipeline/index.ts';
import type { StoredFindings } from '../../photos/pipeline/index.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { currentPayloads } from '../../ingest/queries.ts';

export interface ReusePartner {
  readonly otherTransactionId: string;
  readonly otherPhotoId: string;
  readonly otherSha256: string | null;
  readonly distance: number;
  readonly sameSha256: boolean;
  /** The other transaction was ingested before this one (this one is the suspected reuse). */
  readonly earlier: boolean;
}

export interface CasePhoto {
  readonly photoId: string;
  readonly position: number;
  readonly kind: string;
  readonly sha256: string | null;
  readonly state: string;
  readonly verdict: string | null;
  readonly autoVerdict: string | null;
  readonly reasons: string[];
  readonly findings: StoredFindings | null;
  readonly reviewDueAt: string | null;
  readonly review: { readonly verdict: string; readonly reason: string; readonly reviewer: string; readonly decidedAt: string } | null;
  readonly reuse: ReusePartner[];
}

export interface PhotoCase {
  readonly transactionId: string;
  readonly version: number;
  readonly type: string;
  readonly stationCode: string;
  readonly handlerId: string;
  readonly record: { readonly plate: string | null; readonly vin: string | null; readonly color: string | null };
  readonly photoChecks: string | null;
  readonly photos: CasePhoto[];
}

const MAX_DISTANCE_SHOWN = 10;

async function reusePartners(tx: Tx, id: string, seq: bigint, photo: { position: number; sha256: string | null; findings: StoredFindings | null }): Promise<ReusePartner[]> {
  const phash = photo.findings?.phash;
  if (!phash) return [];
  const query = [{ photoIndex: photo.position, phash, sha256: photo.sha256 }];
  const sides = [['earlier', true], ['later', false]] as const;
  const out: ReusePartner[] = [];
  for (const [side, earlier] of sides) {
    for (const copy of await findNearCopies(tx, id, seq, query, MAX_DISTANCE_SHOWN, side)) {
      out.push({ otherTransactionId: copy.transactionId, otherPhotoId: copy.photoId.toString(), otherSha256: copy.sha256, distance: copy.distance, sameSha256: copy.sameSha256, earlier });
    }
  }
  return out.sort((a, b) => a.distance - b.distance).slice(0, 10);
}

export async function getPhotoCase(db: Database, transactionId: string): Promise<Result<PhotoCase>> {
  const t = await db.prisma.transaction.findUnique({
    where: { id: transactionId },
    select: { id: true, version: true, seq: true, type: true, stationCode: true, handlerId: true },
  });
  if (!t) return fail('NOT_FOUND', `没有业务 ${transactionId} (no such transaction)`);
  const tx: Tx = db.prisma;
  const payload = (await currentPayloads(tx, [transactionId])).get(transactionId);
  const assessment = await db.prisma.assessment.findFirst({ where: { transactionId, current: true }, select: { photoChecks: true } });
  const photos = await db.prisma.photo.findMany({
    where: { transactionId }, orderBy: { position: 'asc' },
    include: { finding: true, review: { include: { reviewer: { select: { displayName: true } } } } },
  });
  const casePhotos: CasePhoto[] = [];
  for (const p of photos) {
    const findings = (p.finding?.findings ?? null) as StoredFindings | null;
    casePhotos.push({
      photoId: p.id.toString(), position: p.position, kind: p.kind, sha256: p.sha256, state: p.state,
      verdict: p.finding?.verdict ?? null, autoVerdict: p.finding?.autoVerdict ?? null,
      reasons: (p.finding?.reasons ?? []) as string[], findings,
      reviewDueAt: p.finding?.reviewDueAt?.toISOString() ?? null,
      review: p.review ? { verdict: p.review.verdict, reason: p.review.reason, reviewer: p.review.reviewer.displayName, decidedAt: p.review.decidedAt.toISOString() } : null,
      reuse: await reusePartners(tx, transactionId, t.seq, { position: p.position, sha256: p.sha256, findings }),
    });
  }
  const v = payload?.vehicle;
  return ok({
    transactionId, version: t.version, type: t.type, stationCode: t.stationCode, handlerId: t.handlerId,
    record: { plate: v?.plate ?? null, vin: v?.vin ?? null, color: v?.color ?? null },
    photoChecks: assessment?.photoChecks ?? null,
    photos: casePhotos,
  });
}

