import type { Database } from '../../../services/platform/db.ts';

export type RowCounts = Record<string, number>;

/** Every base table of the schema (the migrations' own bookkeeping included), read once per database. */
async function tableNames(db: Database): Promise<string[]> {
  const rows = await db.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Counts the rows of every table in one statement, so "nothing was stored" can be checked after
 * every generated case without a round trip per table.
 */
export async function rowCounter(db: Database): Promise<() => Promise<RowCounts>> {
  const names = await tableNames(db);
  if (names.length === 0) throw new Error('no tables: is the database migrated?');
  const statement = `SELECT ${names.map((n, i) => `(SELECT count(*) FROM "${n}")::int AS c${i}`).join(', ')}`;
  return async () => {
    const [row] = await db.sql.query<Record<string, number>>(statement);
    return Object.fromEntries(names.map((n, i) => [n, Number(row?.[`c${i}`])]));
  };
}

/** Tables whose count changed, with before → after, for a readable failure message. */
export function changedTables(before: RowCounts, after: RowCounts): Record<string, string> {
  return Object.fromEntries(
    Object.keys({ ...before, ...after })
      .filter((name) => before[name] !== after[name])
      .map((name) => [name, `${before[name]} → ${after[name]}`]),
  );
}
