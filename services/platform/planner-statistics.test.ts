import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { refreshStaleStatistics, staleTables } from './planner-statistics.ts';

const estimate = async (test: TestDatabase): Promise<number> =>
  (await test.db.sql.query<{ n: number }>("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'stats_probe'"))[0]!.n;

describe.each(BACKENDS)('planner statistics on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await test.db.sql.exec('CREATE TABLE stats_probe (id int PRIMARY KEY, note text)');
    // Every migrated table starts analyzed or empty, so only the probe is in play.
    await refreshStaleStatistics(test.db.sql);
  });
  afterAll(async () => { await test.dispose(); });

  it('analyzes a table that was never analyzed once it holds rows, and then leaves it alone', async () => {
    expect(await staleTables(test.db.sql)).not.toContain('stats_probe');
    await test.db.sql.exec("INSERT INTO stats_probe SELECT g, repeat('x', 50) FROM generate_series(1, 100) g");
    expect(await refreshStaleStatistics(test.db.sql)).toContain('stats_probe');
    expect(await estimate(test)).toBe(100);
    expect(await staleTables(test.db.sql)).not.toContain('stats_probe');
  });

  it('analyzes again only after the table grew past a fifth more pages', async () => {
    await test.db.sql.exec("INSERT INTO stats_probe SELECT g, repeat('x', 50) FROM generate_series(101, 110) g");
    expect(await staleTables(test.db.sql)).not.toContain('stats_probe');
    await test.db.sql.exec("INSERT INTO stats_probe SELECT g, repeat('x', 50) FROM generate_series(111, 20000) g");
    expect(await refreshStaleStatistics(test.db.sql)).toContain('stats_probe');
    expect(await estimate(test)).toBeGreaterThan(15_000);
  });
});
