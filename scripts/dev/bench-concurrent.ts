/**
 * Developer tool: batch throughput with K submitters sending batches of 1,000 at once (as several
 * business systems would), on PostgreSQL. npx tsx scripts/dev/bench-concurrent.ts [--count 20000] [--submitters 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import { ingestTransactions, MAX_BATCH } from '../../services/ingest/ingest-transactions.ts';
import { importReference } from '../../services/ingest/reference-data.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { benchWorld, DEFAULT_PG, postgresBackend } from '../bench/support.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, submitters: { type: 'string', default: '2' } } });
const count = Number(values.count);
const world = benchWorld(count);
const blobs = new LocalBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-blobs-')));
const backend = await postgresBackend(DEFAULT_PG);
try {
  await importReference(backend.db, world.reference, 'bench');
  const deps = { db: backend.db, blobs, hooks: ingestHooks(createScoring()) };
  const batches: unknown[][] = [];
  for (let i = 0; i < count; i += MAX_BATCH) batches.push(world.transactions.slice(i, i + MAX_BATCH));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.submitters) }, async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const result = await ingestTransactions(deps, batch, { actor: 'bench', source: 'file' });
      if (!result.ok) throw new Error(result.error.detail);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${values.submitters} submitters: ${Math.round(count / seconds)} transactions/s (${count} in ${seconds.toFixed(1)} s)`);
} finally {
  await backend.dispose();
}
