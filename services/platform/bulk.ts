import type { Tx } from './db.ts';

/** PostgreSQL types a bulk column can carry; each becomes one array parameter. */
export type BulkType = 'text' | 'int' | 'bigint' | 'boolean' | 'timestamptz' | 'date' | 'float8' | 'json' | 'jsonb' | 'text[]';

export interface BulkColumn<R> {
  readonly name: string;
  readonly type: BulkType;
  readonly value: (row: R) => unknown;
}

function encode(type: BulkType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (type === 'timestamptz' || type === 'date') return value instanceof Date ? value.toISOString() : value;
  if (type === 'bigint') return String(value);
  // A text[] cell travels as its array literal, since unnest cannot take an array of arrays.
  if (type === 'text[]') return `{${(value as string[]).map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return value;
}

/**
 * INSERT … SELECT FROM unnest(array per column): one statement and one parameter per column
 * whatever the row count. Prisma's createMany costs milliseconds per row on wide JSON rows;
 * this is the ingestion hot path, so it goes straight to SQL (same on PGlite and PostgreSQL).
 */
export async function bulkInsert<R>(tx: Tx, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], suffix = ''): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, params } = bulkStatement(table, columns, rows, suffix);
  return tx.$executeRawUnsafe(sql, ...params);
}

/** The same, answering the RETURNING columns of the inserted rows in input order. */
export async function bulkInsertReturning<R, T>(tx: Tx, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], returning: string): Promise<T[]> {
  if (rows.length === 0) return [];
  const { sql, params } = bulkStatement(table, columns, rows, `RETURNING ${returning}`);
  return tx.$queryRawUnsafe<T[]>(sql, ...params);
}

function bulkStatement<R>(table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], suffix: string): { sql: string; params: unknown[][] } {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const arrays = columns.map((c, i) => (c.type === 'text[]' ? `$${i + 1}::text[]` : `$${i + 1}::${c.type}[]`)).join(', ');
  const casts = columns.map((c, i) => (c.type === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  // WITH ORDINALITY + ORDER BY keeps input order, so serial columns and RETURNING follow it.
  const sql = `INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${arrays}) WITH ORDINALITY AS u(${aliases}, ord) ORDER BY ord ${suffix}`;
  const params = columns.map((c) => rows.map((row) => encode(c.type, c.value(row))));
  return { sql, params };
}
