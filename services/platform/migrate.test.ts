import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { loadMigrations, migrate } from './migrate.ts';

describe.each(BACKENDS)('migrations on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  it('records every migration and applies nothing twice', async () => {
    const again = await migrate(test.db.sql);
    const all = await loadMigrations();
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(all.map((m) => m.name));
  });

  it('matches schema.prisma: every model can be read with all its columns', async () => {
    const prisma = test.db.prisma as unknown as Record<string, { findMany?: (args: object) => Promise<unknown[]> }>;
    const delegates = Object.keys(prisma).filter((key) => !key.startsWith('$') && !key.startsWith('_') && typeof prisma[key]?.findMany === 'function');
    expect(delegates.length).toBeGreaterThanOrEqual(20);
    for (const name of delegates) {
      await expect(prisma[name]!.findMany!({ take: 1 }), name).resolves.toEqual([]);
    }
  });

  it('refuses a migration that changed after it was applied', async () => {
    const [first] = await loadMigrations();
    await expect(migrate(test.db.sql, [{ ...first!, checksum: 'changed' }])).rejects.toThrow(/changed after it was applied/);
  });
});
