/**
 * Keeps the investigator's search keys (migration 0008): the pinyin keys of every distinct
 * person name (person_name_key) and every distinct canonical address (address_key), for the
 * transactions stored since the watermark search_key_state.keyed_seq.
 *
 * Why here and not at ingestion: the risk engine's ingest transaction is the platform's
 * bottleneck, and pinyin costs ~20 µs a name in JavaScript; the keys are only read by
 * investigators' searches. So ingestion does nothing, and a search first keys what was stored
 * since the last one (transaction.seq is the ingestion order; a revision gets a new seq, and a
 * person's name or address only changes through a transaction that names them). A few
 * thousand new transactions are keyed inline (tens of milliseconds), in chunks read through
 * the seq and person-key indexes; after a bulk load the keying runs in the background and
 * reads the whole tables once instead (a sequential scan beats a million index probes), and
 * searches meanwhile answer from the keys so far, saying so (`pending`). The tables hold
 * distinct values, so they stay far smaller than the transactions, and a name or address no
 * longer in use only costs a row.
 */
import type { Database, Tx } from '../../platform/db.ts';
import { nameKeys } from './pinyin.ts';

/** Transactions keyed inline by a search; more are keyed in the background. */
export const INLINE_BACKLOG = 20_000;
/** Transactions (by seq) keyed per database transaction: few enough that the plan probes indexes. */
const CHUNK = 5_000;
/** Beyond this many new transactions the whole tables are read once (BULK_*_SQL). */
const BULK_BACKLOG = 100_000;
/** Keys written per database transaction by the bulk path. */
const BATCH = 10_000;

interface StateRow extends Record<string, unknown> { keyed: string; latest: string }

/** The watermark and the latest stored transaction (text: BIGINT without BigInt on the wire). */
async function readState(db: Database): Promise<{ keyed: bigint; latest: bigint }> {
  const [row] = await db.prisma.$queryRawUnsafe<StateRow[]>(
    `SELECT (SELECT keyed_seq FROM search_key_state)::text AS keyed, (SELECT coalesce(max(seq), 0) FROM "transaction")::text AS latest`,
  );
  return { keyed: BigInt(row?.keyed ?? '0'), latest: BigInt(row?.latest ?? '0') };
}

/**
 * The chunk's new names (not keyed yet) and its canonical addresses (distinct): the applicants'
 * and agents' person records (their names and the names they replaced, migration 0012) and the
 * applicants' addresses on the transactions. The canonical
 * forms are the ones ingestion stored (migration 0011), not worked out again here.
 */
const CHUNK_VALUES_SQL = `
WITH t AS (SELECT applicant_key, agent_id_number, applicant_address_canonical FROM "transaction" WHERE seq > $1::bigint AND seq <= $2::bigint),
touched AS (SELECT applicant_key AS key FROM t UNION SELECT 'P:' || agent_id_number FROM t WHERE agent_id_number IS NOT NULL),
persons AS (SELECT p.name, p.address_canonical FROM touched JOIN person p ON p.key = touched.key),
names AS (SELECT name FROM persons UNION SELECT f.name FROM touched JOIN person_former_name f ON f.person_key = touched.key)
SELECT 'name' AS kind, name AS value FROM names
WHERE name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person_name_key k WHERE k.name = names.name)
UNION SELECT 'address', applicant_address_canonical FROM t WHERE applicant_address_canonical IS NOT NULL
UNION SELECT 'address', address_canonical FROM persons WHERE address_canonical IS NOT NULL`;

/** Keys and arrays travel as text joined by spaces: names are normalised without white space. */
const NAMES_INSERT_SQL = `
INSERT INTO person_name_key (name, normalised, pinyin, pinyin_text, initials, deletions)
SELECT n, m, string_to_array(p, ' '), p, string_to_array(i, ' '), string_to_array(d, ' ')
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(n, m, p, i, d)
ORDER BY n ON CONFLICT (name) DO NOTHING`;

/** The bulk path: every name not keyed yet, every address stored (one sequential scan each). */
const BULK_NAMES_SQL = `
SELECT DISTINCT name FROM (SELECT name FROM person UNION ALL SELECT name FROM person_former_name) p
WHERE name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person_name_key k WHERE k.name = p.name)`;
const BULK_ADDRESSES_SQL = `
SELECT applicant_address_canonical AS value FROM "transaction" WHERE applicant_address_canonical IS NOT NULL
UNION SELECT address_canonical FROM person WHERE address_canonical IS NOT NULL`;

const ADDRESSES_INSERT_SQL = `
INSERT INTO address_key (canonical) SELECT c FROM unnest($1::text[]) AS u(c) ORDER BY c ON CONFLICT (canonical) DO NOTHING`;

async function insertNameKeys(tx: Tx, names: readonly string[]): Promise<number> {
  const rows = names.flatMap((name) => {
    const keys = nameKeys(name);
    return keys ? [{ name, ...keys }] : [];
  });
  if (rows.length === 0) return 0;
  return tx.$executeRawUnsafe(
    NAMES_INSERT_SQL, rows.map((r) => r.name), rows.map((r) => r.normalised), rows.map((r) => r.pinyin.join(' ')),
    rows.map((r) => r.initials.join(' ')), rows.map((r) => r.deletions.join(' ')),
  );
}

async function insertAddressKeys(tx: Tx, canonical: readonly string[]): Promise<void> {
  if (canonical.length > 0) await tx.$executeRawUnsafe(ADDRESSES_INSERT_SQL, canonical);
}

/**
 * Keys the transactions after the watermark up to `upTo` (at most CHUNK of them) in one
 * database transaction. The state row is locked first, so keyers in several processes take
 * turns and none keys a range twice. Returns the new watermark and the names keyed.
 */
async function keyChunk(db: Database, upTo: bigint, phases: Phases): Promise<{ keyed: bigint; names: number }> {
  return db.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<Array<{ keyed: string }>>('SELECT keyed_seq::text AS keyed FROM search_key_state FOR UPDATE');
    const from = BigInt(row?.keyed ?? '0');
    if (from >= upTo) return { keyed: from, names: 0 };
    const to = from + BigInt(CHUNK) < upTo ? from + BigInt(CHUNK) : upTo;
    let lap = performance.now();
    const elapsed = (): number => { const now = performance.now(); const ms = now - lap; lap = now; return ms; };
    const values = await tx.$queryRawUnsafe<Array<{ kind: string; value: string }>>(CHUNK_VALUES_SQL, from.toString(), to.toString());
    phases.readMs += elapsed();
    const inserted = await insertNameKeys(tx, values.filter((v) => v.kind === 'name').map((v) => v.value));
    await insertAddressKeys(tx, values.filter((v) => v.kind === 'address').map((v) => v.value));
    await tx.$executeRawUnsafe('UPDATE search_key_state SET keyed_seq = $1::bigint, updated_at = now()', to.toString());
    phases.keyAndWriteMs += elapsed();
    return { keyed: to, names: inserted };
  }, { timeout: 120_000, maxWait: 60_000 });
}

interface Phases { readMs: number; keyAndWriteMs: number }

export interface KeyingSummary {
  /** Transactions (by seq) keyed by this call. */
  readonly transactions: number;
  /** Distinct names newly keyed. */
  readonly names: number;
  readonly ms: number;
  /** Reading the chunks' names and addresses; computing the keys and writing them. */
  readonly phases: Readonly<Phases>;
}

/**
 * The bulk path: every unkeyed name and every address, read once, written in batches (each
 * its own database transaction, sorted, so that two processes doing this at once cannot
 * deadlock), then the watermark moved to `upTo` (read before the scans, so everything up to it
 * was visible to them). Returns the names keyed.
 */
async function keyEverything(db: Database, upTo: bigint, phases: Phases): Promise<number> {
  let lap = performance.now();
  const elapsed = (): number => { const now = performance.now(); const ms = now - lap; lap = now; return ms; };
  const names = (await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(BULK_NAMES_SQL)).map((r) => r.name).sort();
  const addresses = (await db.prisma.$queryRawUnsafe<Array<{ value: string }>>(BULK_ADDRESSES_SQL)).map((r) => r.value).sort();
  phases.readMs += elapsed();
  let keyed = 0;
  for (let i = 0; i < names.length; i += BATCH) {
    keyed += await db.prisma.$transaction((tx) => insertNameKeys(tx, names.slice(i, i + BATCH)), { timeout: 120_000, maxWait: 60_000 });
  }
  for (let i = 0; i < addresses.length; i += BATCH) {
    await db.prisma.$transaction((tx) => insertAddressKeys(tx, addresses.slice(i, i + BATCH)), { timeout: 120_000, maxWait: 60_000 });
  }
  await db.prisma.$executeRawUnsafe('UPDATE search_key_state SET keyed_seq = GREATEST(keyed_seq, $1::bigint), updated_at = now()', upTo.toString());
  phases.keyAndWriteMs += elapsed();
  return keyed;
}

/** Every GIN index of the key tables, read from the catalog (a list kept by hand would miss the next one). */
const MERGE_PENDING_SQL = `SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
  WHERE a.amname = 'gin' AND i.indrelid IN ('person_name_key'::regclass, 'address_key'::regclass)`;

/**
 * Moves the keys a keying run left in the GIN indexes' pending lists into the indexes proper.
 * Keys are inserted through those lists (fast, in bulk), but until a vacuum merges one every
 * search reads it whole (20 ms for a lookup finding nothing after a bulk keying), and the
 * embedded engine has no autovacuum. Writing straight into the indexes instead (fastupdate off)
 * made keying a million transactions take 79 s instead of 43 s. Best effort: a database user
 * that does not own the indexes may not merge, and searches are then only slower.
 */
async function mergePendingKeys(db: Database): Promise<void> {
  await db.sql.query(MERGE_PENDING_SQL).catch(() => undefined);
}

/** Keys everything stored up to now: in chunks (each committed on its own), or in bulk when far behind. */
export async function keySearchTerms(db: Database, options: { bulkBacklog?: number } = {}): Promise<KeyingSummary> {
  const started = performance.now();
  const { keyed: before, latest } = await readState(db);
  const phases: Phases = { readMs: 0, keyAndWriteMs: 0 };
  if (latest - before > BigInt(options.bulkBacklog ?? BULK_BACKLOG)) {
    const names = await keyEverything(db, latest, phases);
    await mergePendingKeys(db);
    return { transactions: Number(latest - before), names, ms: performance.now() - started, phases };
  }
  let keyed = before;
  let names = 0;
  while (keyed < latest) {
    const chunk = await keyChunk(db, latest, phases);
    if (chunk.keyed <= keyed) break;
    keyed = chunk.keyed;
    names += chunk.names;
  }
  if (keyed > before) await mergePendingKeys(db);
  return { transactions: Number(keyed > before ? keyed - before : 0n), names, ms: performance.now() - started, phases };
}

/** Keying runs in flight per database (this process), so that searches do not start a second. */
const running = new WeakMap<Database, Promise<KeyingSummary>>();

function keyOnce(db: Database): Promise<KeyingSummary> {
  const known = running.get(db);
  if (known) return known;
  const run = keySearchTerms(db).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

/**
 * Called by a search before it reads the keys. `pending` says the keys are still being built
 * in the background (a bulk load): the search answers from what is keyed so far.
 */
export async function ensureSearchKeys(db: Database, options: { inlineBacklog?: number } = {}): Promise<{ pending: boolean }> {
  const { keyed, latest } = await readState(db);
  if (latest <= keyed) return { pending: false };
  if (latest - keyed <= BigInt(options.inlineBacklog ?? INLINE_BACKLOG)) {
    await keyOnce(db);
    return { pending: false };
  }
  // A failure is left for the next search to retry (the watermark only moves with committed keys).
  keyOnce(db).catch(() => undefined);
  return { pending: true };
}

/** Resolves when this process's background keying (if any) has finished; for tests and the benchmark. */
export async function searchKeysSettled(db: Database): Promise<void> {
  await running.get(db)?.catch(() => undefined);
}

/**
 * The scheduler's task: keys what was stored since the last keying, so that a search after a
 * quiet spell finds its keys ready instead of keying first (shares a search's run in flight).
 */
export async function refreshSearchKeys(db: Database): Promise<KeyingSummary | null> {
  const { keyed, latest } = await readState(db);
  return latest > keyed ? keyOnce(db) : null;
}
