/**
 * The transaction table as the windows must see it during a replay.
 *
 * The table keeps one row per transaction id, and a revision gives the row a new `seq`. So a
 * transaction X first ingested before T but revised after T has, today, a seq above T's:
 * `o.seq <= q.seq` would leave X out of T's windows although the live scorer counted it when
 * T was ingested. Status revisions (ACCEPTED → COMPLETED) are routine, so replaying on the
 * stored seq alone would report differences the draft did not cause.
 *
 * The audit chain records every version's ingestion in order (transaction.ingested /
 * transaction.revised, appended in the ingest transaction). Inside the backtest's rolled-back
 * database transaction, a temporary table named "transaction" shadows the real one for the
 * unqualified SQL of the aggregate queries (PostgreSQL searches pg_temp first; Prisma's own
 * queries name "public" and are unaffected). Its rows carry, as `seq`, the audit position of the
 * id's FIRST version; a replayed transaction is placed at the audit position of its CURRENT
 * version. Nothing outside pg_temp is written, and the temporary tables vanish on rollback.
 */
import type { Tx } from '../../platform/db.ts';

export type HistoryMode = 'ingestion-order' | 'current-seq';

export interface HistoryView {
  /** ingestion-order: shadow table in place; current-seq: the audit chain was incomplete, stored seq used. */
  readonly mode: HistoryMode;
  /** The position at which each replayed transaction's current version was ingested. */
  orderOf(tx: Tx, rows: ReadonlyArray<{ id: string; seq: bigint }>): Promise<Map<string, bigint>>;
}

const ORDER_TABLE = `CREATE TEMP TABLE backtest_order ON COMMIT DROP AS
  SELECT entity_id AS id, min(seq) AS first_order, max(seq) AS current_order FROM public.audit_entry
  WHERE entity_type = 'transaction' AND action IN ('transaction.ingested', 'transaction.revised')
  GROUP BY entity_id`;

async function shadowColumns(tx: Tx): Promise<string> {
  const columns = await tx.$queryRawUnsafe<Array<{ name: string; type: string }>>(`SELECT column_name AS name, data_type AS type
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'transaction' ORDER BY ordinal_position`);
  const select = columns.map(({ name }) => (name === 'seq' ? 'o.first_order' : `t."${name}"`));
  return `INSERT INTO pg_temp."transaction" (${columns.map((c) => `"${c.name}"`).join(', ')})
    SELECT ${select.join(', ')} FROM public."transaction" t JOIN pg_temp.backtest_order o ON o.id = t.id`;
}

const CURRENT_SEQ: HistoryView = {
  mode: 'current-seq',
  orderOf: async (_tx, rows) => new Map(rows.map((r) => [r.id, r.seq])),
};

const INGESTION_ORDER: HistoryView = {
  mode: 'ingestion-order',
  orderOf: async (tx, rows) => {
    const found = await tx.$queryRawUnsafe<Array<{ id: string; current_order: bigint }>>(
      'SELECT id, current_order FROM pg_temp.backtest_order WHERE id = ANY($1::text[])', rows.map((r) => r.id));
    return new Map(found.map((f) => [f.id, BigInt(f.current_order)]));
  },
};

/** Builds the shadow table; call first thing inside the transaction that will be rolled back. */
export async function prepareHistoryView(tx: Tx): Promise<HistoryView> {
  await tx.$executeRawUnsafe(ORDER_TABLE);
  const [missing] = await tx.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM public."transaction" t
    WHERE NOT EXISTS (SELECT 1 FROM pg_temp.backtest_order o WHERE o.id = t.id)`);
  // Without a complete chain the orders cannot be compared: fall back to the stored seq.
  if ((missing?.n ?? 0) > 0) return CURRENT_SEQ;
  await tx.$executeRawUnsafe('CREATE TEMP TABLE "transaction" (LIKE public."transaction" INCLUDING INDEXES) ON COMMIT DROP');
  await tx.$executeRawUnsafe(await shadowColumns(tx));
  await tx.$executeRawUnsafe('ANALYZE pg_temp."transaction"');
  return INGESTION_ORDER;
}
