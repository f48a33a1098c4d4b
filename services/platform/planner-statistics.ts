/**
 * Planner statistics for the embedded database. PGlite runs PostgreSQL in single-user mode:
 * there is no autovacuum, so nothing ever ANALYZEs a table and the planner keeps guessing
 * from a table's first days (or from nothing). A plan that fits ten rows — a nested loop
 * rerunning a subquery per row — is the one that turns a 5 ms statement into 150 ms at a
 * million rows. PostgreSQL's own autovacuum does this on a server.
 *
 * The rule mirrors autovacuum's analyze threshold, on sizes that survive a restart (PGlite's
 * activity counters do not): a table is analyzed when its heap has grown past
 * GROWTH × the pages recorded at its last ANALYZE, plus MIN_PAGES, or was never analyzed
 * and holds anything (a never-analyzed table of a hundred rows is planned as one row).
 */
import type { SqlRunner } from './db.ts';

/** Grown by a fifth since the last ANALYZE (autovacuum's default analyze scale factor is a tenth, of rows). */
const GROWTH = 1.2;
/** Small tables are read whole at any plan's cost: a few pages of growth never matter. */
const MIN_PAGES = 8;

const STALE_SQL = `
SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
  LATERAL (SELECT pg_relation_size(c.oid) / current_setting('block_size')::int AS now) pages
WHERE n.nspname = current_schema() AND c.relkind = 'r'
  AND (pages.now > $1::float8 * c.relpages + $2::int OR (c.reltuples < 0 AND pages.now > 0))
ORDER BY pages.now`;

/** Tables whose statistics fell behind their size. */
export async function staleTables(sql: SqlRunner): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(STALE_SQL, [GROWTH, MIN_PAGES]);
  return rows.map((r) => r.name);
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** ANALYZEs the stale tables, smallest first; returns their names. */
export async function refreshStaleStatistics(sql: SqlRunner): Promise<string[]> {
  const stale = await staleTables(sql);
  for (const name of stale) await sql.exec(`ANALYZE ${quoted(name)}`);
  return stale;
}
