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
