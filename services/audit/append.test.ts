import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { appendAudit, type AuditEvent } from './append.ts';
import { verifyAuditChain } from './verify.ts';

const event = (entityId: string): AuditEvent => ({ actor: 'test', action: 'test.event', entityType: 'thing', entityId });

describe.each(BACKENDS)('appending to the audit chain on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  it('keeps one unbroken chain when a transaction appends twice while others wait to append', async () => {
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let firstAppended!: () => void;
    const firstStarted = new Promise<void>((resolve) => { firstAppended = resolve; });
    const long = test.db.prisma.$transaction(async (tx) => {
      const a = await appendAudit(tx, [event('a1')]);
      firstAppended();
      await firstHolds;
      // The second append relies on the head this transaction left (no lock, no read).
      const b = await appendAudit(tx, [event('a2'), event('a3')]);
      return [...a, ...b];
    }, { timeout: 30_000 });
    await firstStarted;
    const others = [1, 2, 3].map((n) => test.db.prisma.$transaction((tx) => appendAudit(tx, [event(`b${n}`)]), { timeout: 30_000 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseFirst();
    const mine = await long;
    const theirs = (await Promise.all(others)).flat();
    expect(mine.map(String)).toEqual(['1', '2', '3']);
    expect(theirs.map(String).sort()).toEqual(['4', '5', '6']);
    expect(await verifyAuditChain(test.db)).toMatchObject({ ok: true, entries: 6, firstBreak: null });
  });

  it('reads the head again in the next transaction, and outside one each call locks for itself', async () => {
    await test.db.prisma.$transaction((tx) => appendAudit(tx, [event('c1')]));
    // A client outside a transaction: every call must read the head itself.
    await appendAudit(test.db.prisma, [event('d1')]);
    await test.db.prisma.$transaction((tx) => appendAudit(tx, [event('c2')]));
    await appendAudit(test.db.prisma, [event('d2')]);
    expect(await verifyAuditChain(test.db)).toMatchObject({ ok: true, entries: 10, firstBreak: null });
  });
});
