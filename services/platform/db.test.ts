import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';

describe('PostgreSQL connections', () => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase('postgres'); });
  afterAll(async () => { await test.dispose(); });

  // JIT compilation costs 200–250 ms per execution once a plan's estimate passes jit_above_cost:
  // a batch's aggregate statement that runs in 100 ms took 340 ms with it.
  it('run without JIT compilation, through Prisma transactions and plain statements alike', async () => {
    const [plain] = await test.db.sql.query<{ jit: string }>('SHOW jit');
    expect(plain?.jit).toBe('off');
    const inTransaction = await test.db.prisma.$transaction((tx) => tx.$queryRawUnsafe<Array<{ jit: string }>>('SHOW jit'));
    expect(inTransaction[0]?.jit).toBe('off');
    const [server] = await test.db.sql.query<{ setting: string; source: string }>("SELECT setting, source FROM pg_settings WHERE name = 'jit'");
    expect(server).toEqual({ setting: 'off', source: 'client' });
  });
});
