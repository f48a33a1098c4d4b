import { setImmediate } from 'node:timers/promises';
import type { Prisma, Tx } from '../platform/db.ts';
import { bulkInsertAllStatement, bulkPart, executeStatement } from '../platform/bulk.ts';
import { chunked, HeldStatement, StatementPipeline } from '../platform/pipelined.ts';
import { MATERIAL_COLUMNS, PHOTO_COLUMNS, REVISION_COLUMNS, TRANSACTION_COLUMNS, type RevisionRow } from './bulk-rows.ts';
import type { ResolvedPhoto } from './photo-sources.ts';
import { personParts, vehicleRow, vehicleUpserts } from './projections.ts';
import { materialRows, partyRows, photoRows, transactionColumns } from './rows.ts';
import type { Transaction } from './schema/index.ts';

export interface PlannedWrite {
  readonly index: number;
  readonly transaction: Transaction;
  readonly photos: readonly ResolvedPhoto[];
  readonly outcome: 'created' | 'revised';
  readonly previousVersion: number | null;
  readonly everCompleted: boolean;
  /** Its ingestion number (allocated with the lookup of stored versions, see ingest-transactions.ts). */
  readonly seq: bigint;
}

/** Rows per insert statement: small enough that Node builds the next while the server inserts one. */
const INSERT_CHUNK = 250;

/**
 * Writes a run of transaction versions with distinct ids: set-based inserts, row updates for
 * revisions. What the risk windows read (transactions, materials, photos) is written when this
 * resolves; the rest (every version's payload, people, vehicles: no hook reads them) is built
 * and handed back unsent, so a hook can let the server write it while Node computes (see
 * HeldWrites). A chunk that fails fails the call; the held statement's failure surfaces in its
 * `settled`.
 */
export async function writeSegment(tx: Tx, writes: readonly PlannedWrite[], now: Date): Promise<HeldStatement> {
  const columnsOf = (w: PlannedWrite) => {
    const { row, payloadText, payloadSha256 } = transactionColumns(w.transaction, w.photos, w.everCompleted, now);
    return { write: w, row: { ...row, seq: w.seq }, payloadText, payloadSha256 };
  };
  // Revisions first: their old materials and photos go before the new ones are written.
  const revised = new Map(writes.filter((w) => w.outcome === 'revised').map((w) => [w, columnsOf(w)]));
  for (const { row } of revised.values()) {
    const { id, ...changes } = row;
    await tx.transaction.update({ where: { id }, data: changes as Prisma.TransactionUpdateInput });
  }
  if (revised.size > 0) {
    const revisedIds = [...revised.values()].map((c) => c.row.id);
    await tx.material.deleteMany({ where: { transactionId: { in: revisedIds } } });
    await tx.photo.deleteMany({ where: { transactionId: { in: revisedIds } } });
  }
  const photos = writes.flatMap((w) => w.photos);
  const uploaded = await knownBlobs(tx, photos);
  await registerBlobs(tx, photos);
  // In chunks, each sent as soon as it is built: the server inserts one chunk while Node builds
  // the next, instead of idling until the whole batch's rows are built.
  const pipeline = new StatementPipeline();
  const revisions: RevisionRow[] = [];
  for (const chunk of chunked(writes, INSERT_CHUNK)) {
    const columns = chunk.map((w) => revised.get(w) ?? columnsOf(w));
    for (const c of columns) {
      revisions.push({ transactionId: c.row.id, version: c.row.version, payload: c.payloadText, payloadSha256: c.payloadSha256, status: c.row.status, receivedAt: now });
    }
    const statement = bulkInsertAllStatement([
      bulkPart({ table: '"transaction"', columns: TRANSACTION_COLUMNS, rows: columns.filter((c) => c.write.outcome === 'created').map((c) => c.row) }),
      bulkPart({ table: 'material', columns: MATERIAL_COLUMNS, rows: chunk.flatMap((w) => materialRows(w.transaction)) }),
      bulkPart({ table: 'photo', columns: PHOTO_COLUMNS, rows: chunk.flatMap((w) => photoRows(w.transaction.id, w.photos.map((p) => markUnknownUpload(p, uploaded)))) }),
    ]);
    pipeline.send(() => executeStatement(tx, statement));
    // Yields to the event loop, where the previous chunk's completion is seen and this one sent.
    await setImmediate();
  }
  // Built while the server inserts the last chunk. People and vehicles once: each is merged over the whole segment.
  const held = bulkInsertAllStatement([
    bulkPart({ table: 'transaction_revision', columns: REVISION_COLUMNS, rows: revisions }),
    ...personParts(writes.flatMap((w) => partyRows(w.transaction))),
    vehicleUpserts(writes.map((w) => vehicleRow(w.transaction)).filter((v) => v !== null)),
  ]);
  await pipeline.completed();
  return new HeldStatement(() => executeStatement(tx, held));
}

/** Records the blobs that photo `path`/`data` put into the store, so the database knows them. */
async function registerBlobs(tx: Tx, photos: readonly ResolvedPhoto[]): Promise<void> {
  const fresh = photos.filter((p) => p.sha256 !== null && p.size !== null);
  if (fresh.length === 0) return;
  await tx.blob.createMany({ data: fresh.map((p) => ({ sha256: p.sha256 as string, size: p.size as number })), skipDuplicates: true });
}

/** sha256 photos must name bytes uploaded before; the others were just put into the store. */
async function knownBlobs(tx: Tx, photos: readonly ResolvedPhoto[]): Promise<Set<string>> {
  const wanted = [...new Set(photos.filter((p) => p.source === 'sha256' && p.sha256).map((p) => p.sha256 as string))];
  if (wanted.length === 0) return new Set();
  const rows = await tx.blob.findMany({ where: { sha256: { in: wanted } }, select: { sha256: true } });
  return new Set(rows.map((r) => r.sha256));
}

function markUnknownUpload(photo: ResolvedPhoto, uploaded: ReadonlySet<string>): ResolvedPhoto {
  if (photo.source !== 'sha256' || photo.sha256 === null || uploaded.has(photo.sha256)) return photo;
  return { ...photo, state: 'MISSING', problem: `未找到已上传的照片 (no uploaded blob ${photo.sha256})` };
}
