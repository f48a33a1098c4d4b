/**
 * Set-based SQL for the windowed aggregates of a whole batch: one sub-query per aggregate,
 * each joining the batch (a JSON recordset) to the transaction table through the
 * (key, accepted_at) indexes. "Ingested before it, itself included" is `o.seq <= q.seq`:
 * ingestion numbers every version in order (a revision takes a new number).
 * All sub-queries travel in ONE statement (runAll): a single transaction is scored in one
 * round trip instead of a dozen, which is most of its latency on a database server.
 */
import type { Tx } from '../../platform/db.ts';
import { PREPARED, rawSql } from '../../platform/raw-sql.ts';

/**
 * One transaction's window on one key, exactly as the statement's JSON recordset reads it:
 * instants as epoch milliseconds, the ingestion number as text (made once per item).
 */
export interface KeyedWindow {
  readonly id: string;
  readonly seq: string;
  readonly k: string | null;
  /** Exclusive lower bound (t − N days) unless the query says otherwise, epoch ms. */
  readonly lo: number;
  /** Inclusive upper bound (t) unless the query says otherwise, epoch ms. */
  readonly hi: number;
  readonly extra?: string | null;
}

/**
 * One aggregate's SQL (placeholders $1…$n of its own) and its parameters; a windowed one also
 * names its windows, which reach the server in the statement's shared recordset (see runAll).
 */
export interface AggregateQuery {
  readonly sql: string;
  readonly params: readonly string[];
  readonly windows?: readonly KeyedWindow[];
}

/** Batches up to this size run as a prepared statement (see runAll). */
const PREPARED_BATCH_LIMIT = 8;
/** Where a windowed query reads its windows: replaced by runAll with its columns of the shared recordset. */
const RECORDS = ':windows';
const BATCH = `(${RECORDS}) AS q`;
const IN_WINDOW = 'o.seq <= q.seq AND o.accepted_at > q.lo AND o.accepted_at <= q.hi';

function windowed(sql: string, windows: readonly KeyedWindow[]): AggregateQuery {
  return { sql, params: [], windows };
}

/** Instants travel as epoch milliseconds (numbers: no ISO text to format and parse for every window). */
const EPOCH_MS = (column: string, as: string): string => `timestamptz 'epoch' + b.${column} * interval '1 millisecond' AS ${as}`;

/** Query i's windows as a FROM item of the shared recordset `b` (its columns k{i}, lo{i}, hi{i}, x{i}); items without a key left out. */
const windowsOf = (i: number): string =>
  `SELECT b.id, b.seq, b.k${i} AS k, ${EPOCH_MS(`lo${i}`, 'lo')}, ${EPOCH_MS(`hi${i}`, 'hi')}, b.x${i} AS extra FROM b WHERE b.k${i} IS NOT NULL`;

/**
 * Every windowed query's windows in ONE JSON parameter, a row per transaction of the batch
 * (id, seq, then k{i} lo{i} hi{i} x{i} per query): the server parses it once into the CTE `b`
 * that every sub-query reads, where ten recordsets repeating id and seq cost it a tenth of the
 * statement. The LIMIT (the batch's size) tells the planner how many rows come; with its
 * default guess of 100 it hash-joins a single transaction against a sequential scan instead of
 * probing the (key, accepted_at) index.
 */
function sharedWindows(queries: readonly AggregateQuery[], batchSize: number): { cte: string; param: string } | null {
  const indexes = queries.flatMap((q, i) => (q.windows ? [i] : []));
  if (indexes.length === 0) return null;
  const rows = new Map<string, Record<string, unknown>>();
  for (const i of indexes) {
    for (const w of queries[i]!.windows!) {
      let row = rows.get(w.id);
      if (!row) rows.set(w.id, (row = { id: w.id, seq: w.seq }));
      if (w.k === null) continue;
      row[`k${i}`] = w.k;
      row[`lo${i}`] = w.lo;
      row[`hi${i}`] = w.hi;
      if (w.extra !== null && w.extra !== undefined) row[`x${i}`] = w.extra;
    }
  }
  const definitions = indexes.map((i) => `k${i} text, lo${i} bigint, hi${i} bigint, x${i} text`).join(', ');
  return {
    cte: `WITH b AS MATERIALIZED (SELECT * FROM json_to_recordset($1::json) AS b(id text, seq bigint, ${definitions}) LIMIT ${batchSize}) `,
    param: JSON.stringify([...rows.values()]),
  };
}

/**
 * Runs the queries as sub-selects of one statement, each returning its rows as a JSON array
 * (timestamps arrive as ISO strings, numbers as numbers).
 */
export async function runAll(tx: Tx, queries: readonly AggregateQuery[], batchSize: number): Promise<unknown[][]> {
  const shared = sharedWindows(queries, batchSize);
  let offset = shared ? 1 : 0;
  const params: string[] = shared ? [shared.param] : [];
  const columns = queries.map((query, i) => {
    const sql = query.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`).replaceAll(RECORDS, windowsOf(i));
    offset += query.params.length;
    params.push(...query.params);
    return `(SELECT coalesce(json_agg(r), '[]'::json) FROM (${sql}) r) AS a${i}`;
  });
  // Small batches (single transactions through the API) reuse a prepared plan; a batch's size is
  // part of the text (LIMIT), so larger ones are planned each time rather than cached by the hundred.
  const prepared = batchSize <= PREPARED_BATCH_LIMIT ? PREPARED : '';
  const [row] = await (await rawSql(tx)).query<Record<string, unknown[]>>(`${prepared}${shared?.cte ?? ''}SELECT ${columns.join(', ')}`, params);
  return queries.map((_, i) => row?.[`a${i}`] ?? []);
}

/** count(DISTINCT applicant) of transactions whose `column` equals the key, in the window. */
export function distinctApplicants(column: 'applicant_phone' | 'booker_phone' | 'booker_account', windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`SELECT q.id, count(DISTINCT o.applicant_key)::int AS n FROM ${BATCH}
    JOIN "transaction" o ON o.${column} = q.k AND ${IN_WINDOW} GROUP BY q.id`, windows);
}

/**
 * CTEs `q` (the batch) and `o` (`columns` of each handler's transactions over the span of the
 * batch's windows, upper bound `upper`), read once per handler: a handler has hundreds of cases
 * in a table, and joined per transaction on the handler alone every one of a batch's thousand
 * transactions was compared with all of them (a third of a batch's aggregate statement).
 */
const handlerRows = (columns: string, upper: '<' | '<='): string => `q AS MATERIALIZED (${RECORDS}),
  span AS (SELECT k, min(lo) AS lo, max(hi) AS hi FROM q GROUP BY k),
  o AS MATERIALIZED (SELECT ${columns} FROM span JOIN "transaction" t ON t.handler_id = span.k AND t.accepted_at >= span.lo AND t.accepted_at ${upper} span.hi)`;

/** R07: the handler's transactions in [local day start, end). */
export function handlerDayCounts(windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`WITH ${handlerRows('t.handler_id, t.seq, t.accepted_at', '<')}
    SELECT q.id, count(*)::int AS n FROM q
    JOIN o ON o.handler_id = q.k AND o.seq <= q.seq AND o.accepted_at >= q.lo AND o.accepted_at < q.hi GROUP BY q.id`, windows);
}

export interface CountRow { id: string; n: number }
export interface NearbyRow { id: string; other_id: string; station_code: string; accepted_at: string; lat: number | null; lon: number | null }

/** R04: the handler's other transactions with accepted_at in [lo, hi], with their station's position. */
export function handlerNearby(windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`WITH ${handlerRows('t.id, t.handler_id, t.seq, t.accepted_at, t.station_code', '<=')}
    SELECT q.id, o.id AS other_id, o.station_code, o.accepted_at, s.lat, s.lon FROM q
    JOIN o ON o.handler_id = q.k AND o.id <> q.id AND o.seq <= q.seq AND o.accepted_at >= q.lo AND o.accepted_at <= q.hi
    LEFT JOIN station s ON s.code = o.station_code ORDER BY q.id, o.accepted_at, o.id`, windows);
}

/** R13: REG_NEW / TRANSFER transactions of the applicant in the window. */
export function applicantRegistrations(windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`SELECT q.id, count(*)::int AS n FROM ${BATCH}
    JOIN "transaction" o ON o.applicant_key = q.k AND o.type IN ('REG_NEW', 'TRANSFER') AND ${IN_WINDOW} GROUP BY q.id`, windows);
}

export interface PartyRow { id: string; key: string; kind: string; name: string | null; address: string | null }

/** R15 / R16: distinct applicants (with name, and address for R16) over transactions sharing the key. */
export function distinctParties(column: 'applicant_address_norm' | 'agent_id_number', windows: readonly KeyedWindow[]): AggregateQuery {
  const address = column === 'agent_id_number' ? 'o.applicant_address_norm' : 'NULL::text';
  return windowed(`SELECT DISTINCT q.id, o.applicant_key AS key, o.applicant_kind AS kind, o.applicant_name AS name, ${address} AS address
    FROM ${BATCH} JOIN "transaction" o ON o.${column} = q.k AND ${IN_WINDOW} ORDER BY 1, 2, 4, 5`, windows);
}

export interface AgentRow { id: string; total: number; mine: number }

/** R19: the agent's transactions in the window, and how many the given handler (extra) accepted. */
export function agentTransactions(windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`SELECT q.id, count(*)::int AS total, (count(*) FILTER (WHERE o.handler_id = q.extra))::int AS mine FROM ${BATCH}
    JOIN "transaction" o ON o.agent_id_number = q.k AND ${IN_WINDOW} GROUP BY q.id`, windows);
}

export interface PreviousRow { id: string; other_id: string; type: string; accepted_at: string }

/** R22: the latest other REG_NEW / TRANSFER of the vehicle with accepted_at ≤ t. */
export function previousRegistrations(windows: readonly KeyedWindow[]): AggregateQuery {
  return windowed(`SELECT DISTINCT ON (q.id) q.id, o.id AS other_id, o.type, o.accepted_at
    FROM ${BATCH} JOIN "transaction" o ON o.vin = q.k AND o.id <> q.id AND o.seq <= q.seq AND o.type IN ('REG_NEW', 'TRANSFER') AND o.accepted_at <= q.hi
    ORDER BY q.id, o.accepted_at DESC, o.id`, windows);
}

export interface ReuseRow { id: string; sha256: string; other_id: string; applicant_key: string | null; vin: string | null }

/** Most other transactions listed per (transaction, sha256): enough evidence, bounded cost. */
const REUSE_CAP = 20;

/**
 * R24 / R33 exact: other transactions, ingested before, holding a material or photo with the same
 * sha256, the earliest REUSE_CAP of each. Index probes per digest and per match, whatever the
 * table's statistics say (OFFSET 0 keeps each lateral probe from being flattened into a join the
 * planner may hash): on tables not yet analysed (a fresh database after a bulk load) it guessed
 * hundreds of matches per digest and hash-joined a sequential scan of every material, 20 ms for
 * a single transaction on 60,000 rows and growing with the table.
 */
export function sha256Reuse(table: 'material' | 'photo', items: ReadonlyArray<{ id: string; seq: bigint; sha256: string }>): AggregateQuery {
  return {
    sql: `SELECT id, sha256, other_id, applicant_key, vin FROM (
      SELECT q.id, q.sha AS sha256, o.id AS other_id, o.applicant_key, o.vin,
             row_number() OVER (PARTITION BY q.id, q.sha ORDER BY o.seq) AS n
      FROM (SELECT DISTINCT * FROM json_to_recordset($1::json) AS u(id text, seq bigint, sha text) LIMIT ${items.length}) q
      CROSS JOIN LATERAL (SELECT m.transaction_id FROM ${table} m WHERE m.sha256 = q.sha AND m.transaction_id <> q.id OFFSET 0) m
      CROSS JOIN LATERAL (SELECT o.id, o.seq, o.applicant_key, o.vin FROM "transaction" o WHERE o.id = m.transaction_id AND o.seq <= q.seq OFFSET 0) o) r
    WHERE n <= ${REUSE_CAP} ORDER BY id, sha256, other_id`,
    params: [JSON.stringify(items.map((i) => ({ id: i.id, seq: i.seq.toString(), sha: i.sha256 })))],
  };
}
