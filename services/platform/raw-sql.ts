/**
 * Raw SQL on the connection of a Prisma interactive transaction, without Prisma's raw-query
 * path. That path serialises every parameter to JSON and parses it back before handing it to
 * the driver adapter, and deserialises every result value: for the ingestion hot path's
 * multi-megabyte bulk statements this was about a third of the CPU of a batch. Here the
 * statement goes straight to the driver adapter's transaction (Prisma's public adapter
 * contract: `queryRaw` / `executeRaw`), still inside the same database transaction.
 *
 * How a `tx` finds its adapter transaction: the adapter factory is wrapped so that every
 * transaction it starts watches for a marker statement; `rawSql(tx)` sends one marker through
 * `tx` (once per transaction) and picks up the adapter transaction that saw it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Tx } from './db.ts';

/** The parts of Prisma's driver-adapter contract used here (@prisma/driver-adapter-utils). */
interface AdapterQuery {
  readonly sql: string;
  readonly args: unknown[];
  readonly argTypes: Array<{ scalarType: 'string'; arity: 'scalar' }>;
}
interface AdapterResultSet {
  readonly columnNames: string[];
  readonly columnTypes: number[];
  readonly rows: unknown[][];
}
interface AdapterQueryable {
  queryRaw(query: AdapterQuery): Promise<AdapterResultSet>;
  executeRaw(query: AdapterQuery): Promise<number>;
}
interface AdapterWithTransactions extends AdapterQueryable {
  startTransaction(isolationLevel?: string): Promise<AdapterQueryable>;
}
interface AdapterFactory {
  connect(): Promise<AdapterWithTransactions>;
}

/** Column types of the adapter contract that need decoding (ColumnTypeEnum). */
const INT64 = 1;
const JSON_COLUMN = 11;

/** A parameter travels as text; the SQL casts it ($1::json, $2::bigint …). */
export type RawParam = string | null;

export interface RawSql {
  /** Rows as objects; int8 columns as bigint, json/jsonb parsed, other columns as the driver gives them. */
  query<T>(sql: string, params?: readonly RawParam[]): Promise<T[]>;
  execute(sql: string, params?: readonly RawParam[]): Promise<number>;
  /** Statements run inside one database transaction (an interactive transaction's adapter), not each on its own. */
  readonly inTransaction: boolean;
}

const MARKER = '/* raw-sql:';

/**
 * A statement starting with this comment is prepared once per PostgreSQL connection and reused
 * (named after its text). For small statements run very often — the aggregate statement of a
 * single transaction — planning costs more than executing; its plan does not depend on the
 * parameters' values (a JSON recordset), so a cached plan serves every call.
 */
export const PREPARED = '/* prepared */ ';

/** For @prisma/adapter-pg's `statementNameGenerator`: a name for marked statements, none otherwise. */
export function preparedStatementName(query: { readonly sql: string }): string {
  if (!query.sql.startsWith(PREPARED)) return undefined as unknown as string;
  return `cheguan_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
}
const claimed = new Map<string, AdapterQueryable>();

function markerToken(sql: string): string | null {
  return sql.startsWith(MARKER) ? sql.slice(MARKER.length, sql.indexOf(' */')) : null;
}

function watchForMarker(transaction: AdapterQueryable): AdapterQueryable {
  for (const method of ['queryRaw', 'executeRaw'] as const) {
    const original = transaction[method].bind(transaction) as (query: AdapterQuery) => Promise<never>;
    transaction[method] = (query: AdapterQuery) => {
      const token = markerToken(query.sql);
      if (token !== null) claimed.set(token, transaction);
      return original(query);
    };
  }
  return transaction;
}

/** Wraps a driver adapter factory so that `rawSql` can reach the transactions it starts. */
export function trackTransactions<F extends object>(factory: F): F {
  const target = factory as unknown as AdapterFactory;
  const connect = target.connect.bind(target);
  target.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel?: string) => watchForMarker(await start(isolationLevel));
    return adapter;
  };
  return factory;
}

function adapterQuery(sql: string, params: readonly RawParam[]): AdapterQuery {
  return { sql, args: [...params], argTypes: params.map(() => ({ scalarType: 'string', arity: 'scalar' })) };
}

function decode(value: unknown, columnType: number | undefined): unknown {
  if (typeof value !== 'string') return value;
  if (columnType === INT64) return BigInt(value);
  if (columnType === JSON_COLUMN) return JSON.parse(value) as unknown;
  return value;
}

function adapterRunner(transaction: AdapterQueryable): RawSql {
  return {
    async query<T>(sql: string, params: readonly RawParam[] = []) {
      const result = await transaction.queryRaw(adapterQuery(sql, params));
      return result.rows.map((row) => {
        const record: Record<string, unknown> = {};
        result.columnNames.forEach((name, i) => { record[name] = decode(row[i], result.columnTypes[i]); });
        return record as T;
      });
    },
    execute: (sql, params = []) => transaction.executeRaw(adapterQuery(sql, params)),
    inTransaction: true,
  };
}

/** Outside an interactive transaction (or with an untracked adapter): Prisma's own raw path. */
function prismaRunner(tx: Tx): RawSql {
  return {
    query: <T>(sql: string, params: readonly RawParam[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params),
    execute: (sql, params = []) => tx.$executeRawUnsafe(sql, ...params),
    inTransaction: false,
  };
}

const runners = new WeakMap<object, RawSql>();

/**
 * The raw runner of `tx`: its adapter transaction when it is one, else Prisma's raw queries.
 * `first`: a statement without parameters to run now (a lock): the first call sends it as the
 * marker itself, so finding the transaction costs no extra round trip.
 */
export async function rawSql(tx: Tx, first?: string): Promise<RawSql> {
  const known = runners.get(tx);
  if (known) {
    if (first !== undefined) await known.execute(first);
    return known;
  }
  const token = randomUUID();
  let transaction: AdapterQueryable | undefined;
  try {
    await tx.$executeRawUnsafe(`${MARKER}${token} */ ${first ?? 'SELECT 1'}`);
    transaction = claimed.get(token);
  } finally {
    claimed.delete(token);
  }
  const runner = transaction ? adapterRunner(transaction) : prismaRunner(tx);
  runners.set(tx, runner);
  return runner;
}
