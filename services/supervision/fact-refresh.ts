/**
 * How the dashboards' fact tables are brought up to date: from the watermark of each (the last
 * assessment id it has seen) to a committed mark, in chunks of assessment ids, each chunk and the
 * new watermark in one database transaction (a run that stops half-way resumes where it stopped,
 * and a chunk applied twice replaces the same rows: the refresh is idempotent).
 * Every assessment writer holds the ingest lock, so taking it for the instant of reading the
 * highest id gives a mark below which every assessment has committed; the lock is released
 * before any fact is written, so scoring waits at most that instant.
 */
import { INGEST_LOCK } from '../ingest/ingest-transactions.ts';
import type { Database, Tx } from '../platform/db.ts';

const CHUNK = 50_000;

export interface FactRefresh {
  readonly from: string;
  readonly to: string;
  /** Facts written (rows of the transactions assessed in the range). */
  readonly facts: number;
}

/** One fact table: its name in supervision.fact_watermark and how a chunk of assessments is applied. */
export interface FactTable {
  readonly name: string;
  /** Replaces the facts of the transactions assessed in (from, to]; returns the rows written. */
  applyChunk(tx: Tx, from: bigint, to: bigint): Promise<number>;
}

/** The highest assessment id below which every assessment has committed. */
export async function committedMark(db: Database): Promise<bigint> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const rows = await tx.$queryRaw<Array<{ id: bigint | null }>>`SELECT max(id) AS id FROM assessment`;
    return rows[0]?.id ?? 0n;
  });
}

async function watermark(db: Database, name: string): Promise<bigint> {
  const rows = await db.sql.query<{ last_id: string }>('SELECT last_id::text AS last_id FROM supervision.fact_watermark WHERE name = $1', [name]);
  return BigInt(rows[0]?.last_id ?? '0');
}

/** Applies the next chunk up to `end` and moves the watermark; null when there was nothing left. */
async function nextChunk(db: Database, table: FactTable, end: bigint): Promise<number | null> {
  return db.prisma.$transaction(async (tx) => {
    // The row lock makes concurrent refreshers (two schedulers) take turns instead of applying a chunk twice.
    const rows = await tx.$queryRaw<Array<{ last_id: bigint }>>`SELECT last_id FROM supervision.fact_watermark WHERE name = ${table.name} FOR UPDATE`;
    const from = rows[0]?.last_id ?? 0n;
    if (from >= end) return null;
    const to = from + BigInt(CHUNK) < end ? from + BigInt(CHUNK) : end;
    const written = await table.applyChunk(tx, from, to);
    await tx.$executeRaw`UPDATE supervision.fact_watermark SET last_id = ${to}, refreshed_at = now() WHERE name = ${table.name}`;
    return written;
  }, { timeout: 300_000, maxWait: 60_000 });
}

/** Brings one fact table up to `mark` (by default, the committed mark now). */
export async function refreshFactTable(db: Database, table: FactTable, mark?: bigint): Promise<FactRefresh> {
  const start = await watermark(db, table.name);
  const end = mark ?? await committedMark(db);
  let facts = 0;
  for (let written = await nextChunk(db, table, end); written !== null; written = await nextChunk(db, table, end)) facts += written;
  return { from: start.toString(), to: (end > start ? end : start).toString(), facts };
}
