/**
 * Near-duplicate look-up in the database by multi-index hashing: each stored pHash is kept
 * with its four 16-bit bands in indexed columns, a query probes every band value within
 * ⌊d/4⌋ bits of the query's band (pigeonhole: a hash within d differs in at most that many
 * bits of at least one band), and only those candidates are compared in full.
 */
import type { Tx } from '../../platform/db.ts';
import type { PhotoHashMatch } from '../../risk/photo-findings.ts';
import { hammingDistance } from '../phash.ts';
import { bandProbes, hashBands } from '../reuse-index.ts';

/** 64-bit hex pHash ↔ the signed BIGINT column. */
export function phashToBigint(hex: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${hex}`));
}

export function bigintToPhash(value: bigint): string {
  return BigInt.asUintN(64, value).toString(16).padStart(16, '0');
}

export function phashBands(hex: string): [number, number, number, number] {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = hashBands(hex);
  return [b0, b1, b2, b3];
}

export interface HashQuery {
  /** Position of the photo in its transaction. */
  readonly photoIndex: number;
  readonly phash: string;
  readonly sha256: string | null;
}

/** Which side of the query transaction, in ingestion order, a match may lie on. */
export type MatchSide = 'earlier' | 'later';

interface CandidateRow { photo_id: bigint; transaction_id: string; phash: bigint; vin: string | null; sha256: string | null }

/** A checked photo of another transaction within the distance of a queried one. */
export interface NearCopy {
  readonly query: HashQuery;
  readonly photoId: bigint;
  readonly transactionId: string;
  readonly vin: string | null;
  /** The other photo's bytes, for showing the two side by side. */
  readonly sha256: string | null;
  readonly distance: number;
  readonly sameSha256: boolean;
}

/**
 * Checked photos of OTHER transactions ingested before (`earlier`) or after (`later`) the one
 * with sequence `seq` whose pHash is within `maxDistance` of a queried one.
 */
export async function findNearCopies(
  tx: Tx, transactionId: string, seq: bigint, queries: readonly HashQuery[], maxDistance: number, side: MatchSide,
): Promise<NearCopy[]> {
  const copies: NearCopy[] = [];
  for (const query of queries) {
    const probes = bandProbes(query.phash, maxDistance);
    // Each band is probed on its own index and the distance is tested before any join, so only
    // true matches touch the other tables (a BitmapOr over all four and joining every candidate
    // was twenty times slower at a million photos).
    const band = (i: number) => `SELECT photo_id FROM photo_finding WHERE band${i} = ANY($${i + 1}::int[]) AND bit_count((phash # $7::bigint)::bit(64)) <= $8`;
    const rows = await tx.$queryRawUnsafe<CandidateRow[]>(
      `WITH m AS (${[0, 1, 2, 3].map(band).join(' UNION ')})
       SELECT f.photo_id, f.transaction_id, f.phash, t.vin, p.sha256
         FROM m JOIN photo_finding f ON f.photo_id = m.photo_id
         JOIN "transaction" t ON t.id = f.transaction_id
         JOIN photo p ON p.id = f.photo_id
        WHERE f.transaction_id <> $5 AND t.seq ${side === 'earlier' ? '<' : '>'} $6::bigint
        ORDER BY t.seq, p.position`,
      probes[0], probes[1], probes[2], probes[3], transactionId, seq.toString(), phashToBigint(query.phash).toString(), maxDistance,
    );
    for (const row of rows) {
      const distance = hammingDistance(query.phash, bigintToPhash(BigInt(row.phash)));
      if (distance > maxDistance) continue;
      copies.push({
        query, photoId: BigInt(row.photo_id), transactionId: row.transaction_id, vin: row.vin, sha256: row.sha256, distance,
        sameSha256: query.sha256 !== null && row.sha256 === query.sha256,
      });
    }
  }
  return copies;
}

/**
 * R33's near-duplicates: photos of transactions ingested before this one. A reused photo is the
 * later transaction's fault, so each transaction is judged against what came before it; one
 * match per (photo, other transaction).
 */
export async function findNearDuplicates(
  tx: Tx, transactionId: string, seq: bigint, queries: readonly HashQuery[], maxDistance: number,
): Promise<PhotoHashMatch[]> {
  const seen = new Set<string>();
  const matches: PhotoHashMatch[] = [];
  for (const copy of await findNearCopies(tx, transactionId, seq, queries, maxDistance, 'earlier')) {
    const pair = `${copy.query.photoIndex}|${copy.transactionId}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    matches.push({ photoIndex: copy.query.photoIndex, otherTransactionId: copy.transactionId, otherVin: copy.vin, distance: copy.distance, sameSha256: copy.sameSha256 });
  }
  return matches;
}
