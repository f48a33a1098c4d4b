/**
 * What the detector's queries need from a connection: parameterised reads. The full run reads
 * through the raw SQL runner (one connection, analytic plan settings); an incremental update
 * and the investigator's reads go through the Prisma transaction they commit with.
 */
import type { SqlRunner, Tx } from '../platform/db.ts';

export interface Reader {
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export function txReader(tx: Tx): Reader {
  return { query: <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params) };
}

export function runnerReader(sql: SqlRunner): Reader {
  return sql;
}

/** Rows a page holds: small enough that a page's objects die young instead of filling the old generation. */
const PAGE_ROWS = 5_000;
let cursors = 0;

/**
 * Reads a large result a page at a time through a holdable cursor (the database keeps the
 * result, outside any transaction) and hands each page to `take`. Neither driver then holds
 * the whole result as rows, and each page's objects are collected while young: read whole, a
 * few hundred thousand rows leave hundreds of megabytes of garbage in this process (the
 * embedded engine's driver allocates about half a kilobyte per row). Needs the one connection
 * the detector reads on.
 */
export async function forEachPage<T extends Record<string, unknown>>(sql: Reader, name: string, text: string, params: unknown[], take: (rows: T[]) => void): Promise<void> {
  // Named per read: on the embedded engine's one connection nothing else keeps two apart.
  const cursor = `${name}_${++cursors}`;
  await sql.query(`DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR ${text}`, params);
  try {
    for (;;) {
      const rows = await sql.query<T>(`FETCH ${PAGE_ROWS} FROM ${cursor}`);
      take(rows);
      if (rows.length < PAGE_ROWS) break;
    }
  } finally {
    await sql.query(`CLOSE ${cursor}`);
  }
}
