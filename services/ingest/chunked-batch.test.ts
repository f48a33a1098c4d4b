import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { createScoring, ingestHooks } from '../app/wiring.ts';
import { ingestTransactions } from './ingest-transactions.ts';
import { importReference } from './reference-data.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import { firstTransactions } from '../simulator/index.ts';

const FILE = { actor: 'test', source: 'file' } as const;
const WORLD = { days: 2, seed: 'chunks', perDay: 1000 };

/** Every current assessment with its hits, reasons and evidence, in a comparable form. */
async function assessments(test: TestDatabase): Promise<unknown[]> {
  const rows = await test.db.prisma.assessment.findMany({
    where: { current: true }, orderBy: { transactionId: 'asc' },
    select: { transactionId: true, transactionVersion: true, score: true, alert: true, dualReview: true, pending: true, hits: { select: { riskPoint: true, outcome: true, reason: true, evidence: true }, orderBy: { riskPoint: 'asc' } } },
  });
  return rows;
}

/**
 * A batch is stored in chunks, sent while Node builds the next (write-segment.ts), and scored
 * after them. Chunks must not change a single assessment: the same transactions sent in batches
 * too small to be chunked are the reference.
 */
describe.each(BACKENDS)('a batch stored in chunks on %s', (kind) => {
  // A simulated day's first transactions: windows of agents, handlers and phones cross every chunk boundary.
  const { reference, transactions } = firstTransactions(WORLD, 1_000);
  const opened: TestDatabase[] = [];
  let dir: string;
  const ingestIn = async (size: number): Promise<TestDatabase> => {
    const test = await openTestDatabase(kind);
    opened.push(test);
    expect((await importReference(test.db, reference, 'test')).ok).toBe(true);
    const deps = { db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(createScoring()) };
    for (let i = 0; i < transactions.length; i += size) {
      const result = await ingestTransactions(deps, transactions.slice(i, i + size), FILE);
      if (!result.ok) throw new Error(result.error.detail);
      expect(result.value.every((r) => r.outcome !== 'rejected')).toBe(true);
    }
    return test;
  };
  beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chunks-')); });
  afterAll(async () => {
    for (const test of opened) await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('gives exactly the assessments of the same transactions sent in batches of 100', async () => {
    const whole = await assessments(await ingestIn(1_000));
    const small = await assessments(await ingestIn(100));
    expect(whole.length).toBeGreaterThan(900);
    // Windowed points fire across chunk boundaries, so the comparison is not vacuous.
    const fired = new Set((whole as Array<{ hits: Array<{ riskPoint: string }> }>).flatMap((a) => a.hits.map((h) => h.riskPoint)));
    for (const windowed of ['R04', 'R13', 'R14', 'R16', 'R19', 'R20', 'R24']) expect(fired).toContain(windowed);
    expect(whole).toEqual(small);
  }, 240_000);
});

/** The batch's rows after the chunks (payload history, people, vehicles) go while the points are evaluated. */
const FAILING_STATEMENTS = [
  { what: 'a chunk', table: '"transaction"', key: 'id' },
  { what: 'the held rows', table: 'transaction_revision', key: 'transaction_id' },
] as const;

describe.each(BACKENDS)('a statement failing in the database on %s', (kind) => {
  it.each(FAILING_STATEMENTS)('($what) fails the whole batch with its own error and stores nothing of it', async ({ table, key }) => {
    const { reference, transactions } = firstTransactions(WORLD, 600);
    const test = await openTestDatabase(kind);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chunks-'));
    try {
      expect((await importReference(test.db, reference, 'test')).ok).toBe(true);
      // A failure validation cannot foresee (here a trigger), early in the batch: later statements are already built or queued.
      const doomed = transactions[10]!.id;
      await test.db.sql.query(`CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.${key} = '${doomed}' THEN RAISE EXCEPTION 'refused %', NEW.${key}; END IF; RETURN NEW; END $$`);
      await test.db.sql.query(`CREATE TRIGGER refuse_doomed BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_doomed()`);
      const deps = { db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(createScoring()) };
      await expect(ingestTransactions(deps, transactions, FILE)).rejects.toThrow(`refused ${doomed}`);
      expect(await test.db.prisma.transaction.count()).toBe(0);
      expect(await test.db.prisma.transactionRevision.count()).toBe(0);
      expect(await test.db.prisma.person.count()).toBe(0);
      expect(await test.db.prisma.assessment.count()).toBe(0);
      expect(await test.db.prisma.auditEntry.count({ where: { entityType: 'transaction' } })).toBe(0);
    } finally {
      await test.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
