/**
 * Brings supervision.risk_hits (the fact table the risk-point, handler and intermediary panels
 * read) up to date. Incremental: the assessments written since the last run, in id order, in
 * chunks; a transaction re-assessed since has its facts replaced by those of its current
 * assessment. Every assessment writer holds the ingest lock, so taking it for the instant of
 * reading the highest id gives a mark below which every assessment has committed; the lock is
 * released before any fact is written, so scoring waits at most that instant.
 */
import { INGEST_LOCK } from '../ingest/ingest-transactions.ts';
import type { Database } from '../platform/db.ts';

const CHUNK = 50_000;

export interface FactRefresh {
  readonly from: string;
  readonly to: string;
  /** Facts written (hits of current assessments in the range). */
  readonly facts: number;
}

async function committedMark(db: Database): Promise<bigint> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const rows = await tx.$queryRaw<Array<{ id: bigint | null }>>`SELECT max(id) AS id FROM assessment`;
    return rows[0]?.id ?? 0n;
  });
}

async function watermark(db: Database): Promise<bigint> {
  const rows = await db.sql.query<{ last_id: string }>("SELECT last_id::text AS last_id FROM supervision.fact_watermark WHERE name = 'risk_hits'");
  return BigInt(rows[0]?.last_id ?? '0');
}

async function applyChunk(db: Database, from: bigint, to: bigint): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      DELETE FROM supervision.risk_hits f USING assessment a
      WHERE a.id > ${from} AND a.id <= ${to} AND f.transaction_id = a.transaction_id`;
    const written = await tx.$executeRaw`
      INSERT INTO supervision.risk_hits (hit_id, assessment_id, risk_point, category, outcome, weight, transaction_id, station_code, business_type, handler_id, accepted_at)
      SELECT h.id, a.id, h.risk_point, c.category, h.outcome, h.weight, a.transaction_id, t.station_code, t.type, t.handler_id, t.accepted_at
      FROM assessment a
      JOIN risk_hit h ON h.assessment_id = a.id
      JOIN "transaction" t ON t.id = a.transaction_id
      LEFT JOIN supervision.risk_point_catalogue c ON c.code = h.risk_point
      WHERE a.id > ${from} AND a.id <= ${to} AND a.current
      ON CONFLICT (hit_id) DO NOTHING`;
    await tx.$executeRaw`UPDATE supervision.fact_watermark SET last_id = ${to}, refreshed_at = now() WHERE name = 'risk_hits'`;
    return written;
  }, { timeout: 300_000, maxWait: 60_000 });
}

export async function refreshRiskHitFacts(db: Database): Promise<FactRefresh> {
  const start = await watermark(db);
  const mark = await committedMark(db);
  let facts = 0;
  for (let from = start; from < mark; from += BigInt(CHUNK)) {
    const to = from + BigInt(CHUNK) < mark ? from + BigInt(CHUNK) : mark;
    facts += await applyChunk(db, from, to);
  }
  return { from: start.toString(), to: (mark > start ? mark : start).toString(), facts };
}
