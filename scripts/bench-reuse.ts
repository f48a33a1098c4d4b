/**
 * npm run bench:reuse [-- --photos 1000000 --queries 500 --pg URL]
 * Near-duplicate look-up (R33's reuse index: multi-index hashing on four 16-bit pHash bands in
 * indexed columns) against a million stored photos on PostgreSQL. Seeds random 64-bit hashes in
 * bulk SQL, then times `findNearCopies` for (a) near-copies of stored photos, 1–6 bits flipped,
 * which must all be found, and (b) fresh random hashes. Prints p50/p95/p99 and recall.
 */
import { parseArgs } from 'node:util';
import { bigintToPhash, findNearCopies } from '../services/photos/pipeline/near-duplicates.ts';
import { DEFAULT_PG, fmt, machine, percentile, postgresBackend } from './bench/support.ts';
import { mulberry32 } from '../services/photos/render/random.ts';

const { values } = parseArgs({ options: {
  photos: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '500' }, pg: { type: 'string', default: DEFAULT_PG },
} });
const photos = Number(values.photos);
const queries = Number(values.queries);
const MAX_DISTANCE = 6;

function flipBits(hex: string, bits: number, random: () => number): string {
  let value = BigInt(`0x${hex}`);
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(Math.floor(random() * 64));
  for (const bit of flipped) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

function randomHash(random: () => number): string {
  return Array.from({ length: 4 }, () => Math.floor(random() * 65536).toString(16).padStart(4, '0')).join('');
}

console.log(`bench:reuse — ${fmt(photos)} stored photos, ${queries} + ${queries} look-ups, Hamming distance ≤ ${MAX_DISTANCE}; ${machine()}`);
const backend = await postgresBackend(values.pg!);
try {
  const seedStarted = performance.now();
  const txCount = Math.ceil(photos / 4);
  await backend.db.sql.exec(`
    SET synchronous_commit = off;
    INSERT INTO "transaction" (id, version, type, status, accepted_at, station_code, handler_id, channel, applicant_key, applicant_kind, vin,
      override, tolerance, ever_completed, photo_count, received_at, updated_at)
    SELECT 'B-' || g, 1, 'REG_NEW', 'COMPLETED', now() - make_interval(secs => g), 'S1', 'H1', 'COUNTER', 'P:' || g, 'PERSON', 'LVIN' || lpad(g::text, 13, '0'),
      false, false, true, 4, now(), now() FROM generate_series(1, ${txCount}) g;
    INSERT INTO photo (transaction_id, position, kind, sha256, state)
    SELECT 'B-' || ((g - 1) / 4 + 1), (g - 1) % 4, 'LEFT_FRONT_45', md5(g::text) || md5((-g)::text), 'STORED' FROM generate_series(1, ${photos}) g;
    INSERT INTO photo_finding (photo_id, transaction_id, verdict, auto_verdict, reasons, findings, phash, band0, band1, band2, band3, models)
    SELECT id, transaction_id, 'PASS', 'PASS', '[]', '{}', h, ((h >> 48) & 65535)::int, ((h >> 32) & 65535)::int, ((h >> 16) & 65535)::int, (h & 65535)::int, '{}'
      FROM (SELECT id, transaction_id, ((floor(random() * 4294967296)::bigint) << 32) | floor(random() * 4294967296)::bigint AS h FROM photo) s;
    ANALYZE "transaction"; ANALYZE photo; ANALYZE photo_finding;`);
  console.log(`seeded in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`);
  const random = mulberry32(20261201);
  const stored = await backend.db.prisma.$queryRawUnsafe<Array<{ transaction_id: string; phash: bigint }>>(
    `SELECT transaction_id, phash FROM photo_finding TABLESAMPLE SYSTEM (1) LIMIT ${queries}`,
  );
  const time = async (hash: string): Promise<{ ms: number; found: string[] }> => {
    const started = performance.now();
    const copies = await findNearCopies(backend.db.prisma, 'QUERY', 10n ** 15n, [{ photoIndex: 0, phash: hash, sha256: null }], MAX_DISTANCE, 'earlier');
    return { ms: performance.now() - started, found: copies.map((c) => c.transactionId) };
  };
  for (let i = 0; i < 20; i++) await time(randomHash(random)); // warm the caches and the connection
  const nearMs: number[] = [];
  let recalled = 0;
  for (const row of stored) {
    const { ms, found } = await time(flipBits(bigintToPhash(BigInt(row.phash)), 1 + Math.floor(random() * MAX_DISTANCE), random));
    nearMs.push(ms);
    if (found.includes(row.transaction_id)) recalled++;
  }
  const freshMs: number[] = [];
  for (let i = 0; i < queries; i++) freshMs.push((await time(randomHash(random))).ms);
  const line = (name: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`${name.padEnd(34)} p50 ${fmt(percentile(sorted, 50), 1)} ms   p95 ${fmt(percentile(sorted, 95), 1)} ms   p99 ${fmt(percentile(sorted, 99), 1)} ms`);
  };
  line(`near-copies of stored photos (${stored.length})`, nearMs);
  line(`fresh random hashes (${queries})`, freshMs);
  console.log(`recall: ${recalled}/${stored.length} planted near-copies found (goal: all; look-up goal p95 < 50 ms)`);
} finally {
  await backend.dispose();
}
