import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { USER_ROLES } from '../auth/roles.ts';
import { login } from '../auth/login.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from './demo-users.ts';

const POLICY = { session: { maxMs: 3_600_000, idleMs: 600_000 }, throttle: { delayAfter: 5, lockAfter: 10, lockMs: 900_000 } };

describe.each(BACKENDS)('demo users on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  it('creates one demo user per role (flagged demo), once, each able to sign in with the README password', async () => {
    expect(await seedDemoUsers(test.db)).toBe(DEMO_USERS.length);
    expect(await seedDemoUsers(test.db)).toBe(0);
    const users = await test.db.prisma.user.findMany();
    expect(users.every((u) => u.demo)).toBe(true);
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(USER_ROLES));
    for (const user of DEMO_USERS) {
      const result = await login(test.db, { username: user.username, password: DEMO_PASSWORD }, POLICY, { ip: null, userAgent: null });
      expect(result.ok, user.username).toBe(true);
    }
  });
});
