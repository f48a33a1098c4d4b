import type { Tx } from './db.ts';
import { PREPARED, rawSql } from './raw-sql.ts';

/**
 * PostgreSQL types a bulk column can carry. `json_text` is a column whose value is already a JSON
 * document as text (stored as json), so a payload serialised once is not parsed and re-serialised.
 */
export type BulkType = 'text' | 'int' | 'bigint' | 'boolean' | 'timestamptz' | 'date' | 'float8' | 'json' | 'jsonb' | 'json_text' | 'text[]';

export interface BulkColumn<R> {
  readonly name: string;
  readonly type: BulkType;
  readonly value: (row: R) => unknown;
}

/** A cell as it travels inside the rows' JSON document. */
function encode(type: BulkType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return String(value);
  // json_to_recordset would read NaN/Infinity as null (JSON has no such numbers): say so loudly.
  if (type === 'float8' && typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`bulk float8 value ${value} is not finite`);
  return value;
}

/**
 * INSERT … SELECT FROM json_to_recordset($1): one statement and ONE text parameter whatever the
 * row and column count. Prisma's createMany costs milliseconds per row on wide JSON rows, and
 * one array parameter per column still made the drivers walk and escape every cell; a JSON
 * document is built natively by V8 and parsed natively by the server. This is the ingestion hot
 * path, so it goes straight to SQL (same on PGlite and PostgreSQL).
 */
export async function bulkInsert<R>(tx: Tx, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], suffix = ''): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, param } = bulkStatement(table, columns, rows, suffix);
  return (await rawSql(tx)).execute(PREPARED + sql, [param]);
}

/** The same, answering the RETURNING columns of the inserted rows in input order (decoded as RawSql.query says). */
export async function bulkInsertReturning<R, T>(tx: Tx, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], returning: string): Promise<T[]> {
  if (rows.length === 0) return [];
  const { sql, param } = bulkStatement(table, columns, rows, `RETURNING ${returning}`);
  return (await rawSql(tx)).query<T>(PREPARED + sql, [param]);
}

/** One table's rows for `bulkInsertAllStatement`. */
export interface BulkPart<R> {
  readonly table: string;
  readonly columns: readonly BulkColumn<R>[];
  readonly rows: readonly R[];
  /** ON CONFLICT … (no RETURNING: the parts' results are not read). */
  readonly suffix?: string;
}

/**
 * A part whose rows feed a statement of its own (a join, a condition) instead of a plain
 * insert. `statement` gets the rows as a FROM item, `u(c0, c1, …, ord)`, cells named after the
 * columns' positions.
 */
export interface BulkStatementPart<R> {
  readonly columns: readonly BulkColumn<R>[];
  readonly rows: readonly R[];
  readonly statement: (rows: string) => string;
}

/** Either kind of part, its row type forgotten (a heterogeneous list). */
export type AnyBulkPart = BulkPart<unknown> | BulkStatementPart<unknown>;

/** Names a part's row type for a heterogeneous list. */
export const bulkPart = <R>(part: BulkPart<R> | BulkStatementPart<R>): AnyBulkPart => part as AnyBulkPart;

function partStatement(part: AnyBulkPart, paramIndex: number): { sql: string; param: string } {
  if (!('statement' in part)) return bulkStatement(part.table, part.columns, part.rows, part.suffix ?? '', paramIndex);
  return { sql: part.statement(recordset(part.columns, paramIndex)), param: rowsJson(part.columns, part.rows) };
}

/** A statement and its parameters, built and not yet sent. */
export interface BuiltStatement {
  readonly sql: string;
  readonly params: readonly string[];
}

/**
 * Several tables' rows in ONE statement, each insert a data-modifying CTE with its own JSON
 * parameter: a single transaction's rows go to six tables, and six round trips cost more than
 * the inserts. The parts must not depend on each other's rows except through foreign keys
 * (checked at the statement's end, when every part's rows are there); a part that reads a table
 * sees it as it was before the statement. Null when no part has rows.
 */
export function bulkInsertAllStatement(parts: readonly AnyBulkPart[]): BuiltStatement | null {
  const present = parts.filter((p) => p.rows.length > 0);
  if (present.length === 0) return null;
  const statements = present.map((p, i) => partStatement(p, i + 1));
  if (statements.length === 1) return { sql: PREPARED + statements[0]!.sql, params: [statements[0]!.param] };
  const sql = `${PREPARED}WITH ${statements.map((s, i) => `w${i} AS (${s.sql})`).join(', ')} SELECT 1`;
  return { sql, params: statements.map((s) => s.param) };
}

/** Sends a built statement on `tx`'s connection. */
export async function executeStatement(tx: Tx, statement: BuiltStatement | null): Promise<void> {
  if (statement === null) return;
  await (await rawSql(tx)).execute(statement.sql, statement.params);
}

/** Child rows naming their parent by a key column of the parent (e.g. an assessment's transaction id). */
export interface BulkChildren<C> {
  readonly table: string;
  readonly columns: readonly BulkColumn<C>[];
  readonly rows: readonly C[];
  /** The value of the parent's `parentKey` column this row belongs to. */
  readonly parentKeyOf: (row: C) => string;
  /** The child's column that receives the parent's `id`. */
  readonly foreignKey: string;
}

/**
 * Parent rows and their children in ONE statement: the parents' insert is a CTE whose RETURNING
 * ids the children's insert joins on `parentKey` (unique among the parents). Answers the
 * parents' RETURNING columns, as bulkInsertReturning does; children keep their input order.
 */
export async function bulkInsertFamily<P, C, T>(
  tx: Tx, parent: { table: string; columns: readonly BulkColumn<P>[]; rows: readonly P[]; parentKey: string; returning: string }, children: BulkChildren<C>,
): Promise<T[]> {
  if (parent.rows.length === 0) return [];
  if (children.rows.length === 0) return bulkInsertReturning<P, T>(tx, parent.table, parent.columns, parent.rows, parent.returning);
  const parents = bulkStatement(parent.table, parent.columns, parent.rows, `RETURNING id, ${parent.parentKey}`, 1);
  const names = children.columns.map((c) => `"${c.name}"`).join(', ');
  const selected = children.columns.map((c, i) => (c.type === 'json_text' ? `u.c${i}::json` : `u.c${i}`)).join(', ');
  const sql = `${PREPARED}WITH p AS (${parents.sql}),
    c AS (INSERT INTO ${children.table} ("${children.foreignKey}", ${names})
      SELECT p.id, ${selected} FROM ${recordset(children.columns, 2, true)}
      JOIN p ON p.${parent.parentKey} = u.k ORDER BY u.ord)
    SELECT ${parent.returning} FROM p`;
  const childParam = rowsJson(children.columns, children.rows, children.parentKeyOf);
  return (await rawSql(tx)).query<T>(sql, [parents.param, childParam]);
}

/**
 * The rows as the JSON array json_to_recordset reads: cells named c0, c1 … (and `k`, a child's
 * parent key, first). This runs for every cell of every ingested row, so each column list gets
 * a compiled row encoder (see rowEncoder).
 */
function rowsJson<R>(columns: readonly BulkColumn<R>[], rows: readonly R[], parentKeyOf?: (row: R) => string): string {
  const encodeRow = rowEncoder(columns, parentKeyOf !== undefined);
  const key = parentKeyOf ?? noKey;
  const cells = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i++) cells[i] = encodeRow(rows[i]!, key);
  return JSON.stringify(cells);
}

const noKey = (): string => '';

type RowEncoder<R> = (row: R, key: (row: R) => string) => Record<string, unknown>;

/** Per column list (module constants mostly): its encoders, row types forgotten. */
const encoders = new WeakMap<object, { plain?: unknown; keyed?: unknown }>();

/**
 * A function returning a row's cells as one object literal, `{ k, c0: …, c1: … }`, compiled
 * once per column list. Every object then has its final shape from its creation, which V8
 * builds and JSON.stringify walks on their fast paths; filling a fresh object key by key
 * through `encode` took a third longer (8.0 → 5.5 ms for 1,000 transaction rows).
 * Each cell still goes through `encode`; only column positions and fixed text go into the
 * source, no data.
 */
function rowEncoder<R>(columns: readonly BulkColumn<R>[], keyed: boolean): RowEncoder<R> {
  const cached = encoders.get(columns) ?? {};
  const hit = keyed ? cached.keyed : cached.plain;
  if (hit) return hit as RowEncoder<R>;
  const cells = columns.map((_, i) => `c${i}: encode(types[${i}], values[${i}](row))`);
  const source = `return (row, key) => ({ ${[...(keyed ? ['k: key(row)'] : []), ...cells].join(', ')} });`;
  const compiled = new Function('encode', 'types', 'values', source)(encode, columns.map((c) => c.type), columns.map((c) => c.value)) as RowEncoder<R>;
  encoders.set(columns, { ...cached, [keyed ? 'keyed' : 'plain']: compiled });
  return compiled;
}

function recordType(type: BulkType): string {
  return type === 'json_text' ? 'text' : type;
}

/**
 * The JSON parameter's rows as a FROM item, `u(c0, c1, …, ord)` (`u(k, c0, …, ord)` with a
 * child's parent key), as rowsJson writes them.
 */
function recordset<R>(columns: readonly BulkColumn<R>[], paramIndex: number, keyed = false): string {
  const definitions = [...(keyed ? ['k text'] : []), ...columns.map((c, i) => `c${i} ${recordType(c.type)}`)].join(', ');
  const aliases = [...(keyed ? ['k'] : []), ...columns.map((_, i) => `c${i}`)].join(', ');
  return `ROWS FROM (json_to_recordset($${paramIndex}::json) AS (${definitions})) WITH ORDINALITY AS u(${aliases}, ord)`;
}

function bulkStatement<R>(table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], suffix: string, paramIndex = 1): { sql: string; param: string } {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const selected = columns.map((c, i) => (c.type === 'json_text' ? `c${i}::json` : `c${i}`)).join(', ');
  // WITH ORDINALITY + ORDER BY keeps input order, so serial columns and RETURNING follow it.
  const sql = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM ${recordset(columns, paramIndex)} ORDER BY ord ${suffix}`;
  return { sql, param: rowsJson(columns, rows) };
}
