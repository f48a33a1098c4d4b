/**
 * Loads a simulated world into a database the way `npm run assess` would, but without the
 * risk hooks: the detector reads only the transaction table, and scoring every transaction
 * would multiply the time of a test or an evaluation run for nothing it needs.
 */
import { ingestTransactions, MAX_BATCH, type IngestHook } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import type { BlobStore } from '../platform/blob-store.ts';
import type { Database } from '../platform/db.ts';
import { createWorld, type SimulateOptions, type SimTransaction, type Truth } from '../simulator/index.ts';

/** Simulated transactions carry no photos, so nothing is ever stored; a write would be a bug. */
const NO_BLOBS: BlobStore = {
  put: () => Promise.reject(new Error('simulated worlds carry no blobs')),
  get: () => Promise.resolve(null),
  has: () => Promise.resolve(false),
};

async function ingestBatch(db: Database, batch: readonly SimTransaction[], hooks: readonly IngestHook[]): Promise<void> {
  const result = await ingestTransactions({ db, blobs: NO_BLOBS, hooks }, batch, { actor: 'intermediaries-eval', source: 'file' });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  const refused = result.value.find((item) => item.outcome === 'rejected');
  if (refused) throw new Error(`simulated transaction ${refused.id ?? '?'} refused: ${JSON.stringify(refused.problems ?? refused.refusal)}`);
}

/** Stores simulated transaction lines in file order, in batches (hooks run as in ingestion). */
export async function ingestSimulated(db: Database, transactions: Iterable<SimTransaction>, hooks: readonly IngestHook[] = [], batchSize = MAX_BATCH): Promise<number> {
  let batch: SimTransaction[] = [];
  let count = 0;
  for (const tx of transactions) {
    batch.push(tx);
    count++;
    if (batch.length === batchSize) {
      await ingestBatch(db, batch, hooks);
      batch = [];
    }
  }
  if (batch.length > 0) await ingestBatch(db, batch, hooks);
  return count;
}

/** Simulates a world, stores its reference data and every transaction line in file order, and returns its truth. */
export async function loadSimulatedWorld(db: Database, options: SimulateOptions): Promise<Truth> {
  const world = createWorld(options);
  const reference = await importReference(db, world.reference, 'intermediaries-eval');
  if (!reference.ok) throw new Error(`simulated reference refused: ${reference.error.detail}`);
  await ingestSimulated(db, world.transactions);
  return world.truth();
}
