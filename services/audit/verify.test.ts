import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { childEnv, ROOT } from '../../test/support/process.ts';
import { appendAudit } from './append.ts';
import { verifyAuditChain } from './verify.ts';

/** Forces a change past the append-only trigger, as only a superuser could. */
async function forceUpdate(test: TestDatabase, sql: string): Promise<void> {
  await test.db.sql.exec(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update; ${sql}; ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update;`);
}

describe.each(BACKENDS)('audit chain verification on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    // More than one verification page (2,000), so paging is exercised.
    const events = Array.from({ length: 2_100 }, (_, i) => ({ actor: 'test', action: 'test.event', entityType: 'thing', entityId: String(i), data: { i, note: '一条记录' } }));
    await test.db.prisma.$transaction((tx) => appendAudit(tx, events), { timeout: 60_000 });
  });
  afterAll(async () => { await test.dispose(); });

  it('verifies an intact chain, page by page', async () => {
    const result = await verifyAuditChain(test.db);
    expect(result).toMatchObject({ ok: true, entries: 2_100, lastSeq: '2100', firstBreak: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(test.db.sql.exec(`UPDATE audit_entry SET actor = 'mallory' WHERE seq = 5`)).rejects.toThrow(/append-only/);
    await expect(test.db.sql.exec(`DELETE FROM audit_entry WHERE seq = 5`)).rejects.toThrow(/append-only/);
    await expect(test.db.sql.exec(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(test.db)).ok).toBe(true);
  });

  it('names the first entry whose content was changed behind the trigger', async () => {
    await forceUpdate(test, `UPDATE audit_entry SET data = '{"i": 1234, "note": "改过"}' WHERE seq = 1235`);
    const result = await verifyAuditChain(test.db);
    expect(result).toMatchObject({ ok: false, entries: 1234, firstBreak: { seq: '1235', kind: 'HASH', action: 'test.event' } });
    if (kind !== 'postgres') return;
    // npm run audit:verify as a real process: non-zero exit, the entry named.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: ROOT, encoding: 'utf8', env: childEnv({ DATABASE_URL: test.url! }), timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('seq 1235');
  });

  it('names a deleted entry (the next one no longer links)', async () => {
    await forceUpdate(test, `UPDATE audit_entry SET data = '{"i": 1234, "note": "一条记录"}' WHERE seq = 1235`);
    expect((await verifyAuditChain(test.db)).ok).toBe(true);
    await forceUpdate(test, `DELETE FROM audit_entry WHERE seq = 40`);
    expect((await verifyAuditChain(test.db)).firstBreak).toMatchObject({ seq: '41', kind: 'GAP' });
  });
});

describe('npm run audit:verify on an intact PostgreSQL chain', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await test.db.prisma.$transaction((tx) => appendAudit(tx, [{ actor: 'a', action: 'b', entityType: 'c', entityId: 'd' }]));
  });
  afterAll(async () => { await test.dispose(); });

  it('exits 0 and says so', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: ROOT, encoding: 'utf8', env: childEnv({ DATABASE_URL: test.url! }), timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 entries');
  });
});
