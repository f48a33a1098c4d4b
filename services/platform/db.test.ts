import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { openDatabase, withSessionSettings } from './db.ts';

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

  it('keep the session settings a DATABASE_URL gives in its options parameter', async () => {
    const url = new URL(test.url!);
    url.searchParams.set('options', '-c statement_timeout=12345');
    expect(withSessionSettings(url.toString())).toEqual({ connectionString: test.url, options: '-c statement_timeout=12345 -c jit=off' });
    const db = await openDatabase({ url: url.toString(), embeddedDir: '', poolSize: 1 });
    try {
      const [row] = await db.sql.query<{ timeout: string; jit: string }>("SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit");
      expect(row).toEqual({ timeout: '12345ms', jit: 'off' });
    } finally {
      await db.close();
    }
  });
});
