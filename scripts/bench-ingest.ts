/**
 * npm run bench:ingest [-- --count 20000 --pg URL]
 * Ingestion throughput (storage, revisions, audit; no scoring) in batches of 1,000, on the
 * embedded default and on PostgreSQL. Prints transactions per second for each.
 */
import { parseArgs } from 'node:util';
import { ingestTransactions, MAX_BATCH } from '../services/ingest/ingest-transactions.ts';
import { importReference } from '../services/ingest/reference-data.ts';
import { LocalBlobStore } from '../services/platform/blob-store.ts';
import { benchWorld, DEFAULT_PG, embeddedBackend, fmt, machine, postgresBackend, type Backend, type BenchWorld } from './bench/support.ts';

async function run(backend: Backend, world: BenchWorld): Promise<{ seconds: number; perSecond: number; batchMs: number[] }> {
  await importReference(backend.db, world.reference, 'bench');
  const deps = { db: backend.db, blobs: new LocalBlobStore('/tmp/bench-blobs'), hooks: [] };
  const batchMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < world.transactions.length; i += MAX_BATCH) {
    const t = performance.now();
    const result = await ingestTransactions(deps, world.transactions.slice(i, i + MAX_BATCH), { actor: 'bench', source: 'file' });
    if (!result.ok) throw new Error(result.error.detail);
    batchMs.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: world.transactions.length / seconds, batchMs };
}

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, pg: { type: 'string', default: DEFAULT_PG } } });
const world = benchWorld(Number(values.count));
console.log(`bench:ingest — ${fmt(world.transactions.length)} simulated transactions, batches of ${MAX_BATCH}; ${machine()}`);
for (const open of [embeddedBackend, () => postgresBackend(values.pg!)]) {
  const backend = await open();
  try {
    const r = await run(backend, world);
    const sorted = [...r.batchMs].sort((a, b) => a - b);
    console.log(`${backend.name.padEnd(24)} ${fmt(r.perSecond).padStart(7)} transactions/s   (${fmt(r.seconds, 1)} s; batch median ${fmt(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, slowest ${fmt(sorted.at(-1) ?? 0)} ms)`);
  } finally {
    await backend.dispose();
  }
}
