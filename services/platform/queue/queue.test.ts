import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../../../test/support/databases.ts';
import { BullQueue } from './bullmq-queue.ts';
import { DatabaseQueue } from './database-queue.ts';
import type { Job, JobQueue } from './types.ts';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Factory = () => Promise<{ queue: JobQueue; dispose: () => Promise<void> }>;

const factories: Array<[string, Factory]> = [
  ['database queue on PGlite', async () => {
    const test: TestDatabase = await openTestDatabase('pglite');
    return { queue: new DatabaseQueue(test.db.sql, { pollMs: 20 }), dispose: () => test.dispose() };
  }],
  ['database queue on PostgreSQL', async () => {
    const test: TestDatabase = await openTestDatabase('postgres');
    return { queue: new DatabaseQueue(test.db.sql, { pollMs: 20 }), dispose: () => test.dispose() };
  }],
  ['BullMQ on Redis', async () => {
    const queue = new BullQueue(TEST_REDIS_URL, { prefix: `test-${randomBytes(4).toString('hex')}` });
    return { queue, dispose: async () => undefined };
  }],
];

describe.each(factories)('%s', (_name, factory) => {
  let queue: JobQueue;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ queue, dispose } = await factory()); });
  afterAll(async () => {
    await queue.close();
    await dispose();
  });

  it('runs each key once even when it is added twice', async () => {
    const seen: string[] = [];
    await queue.add('dedupe', 'k1', { n: 1 });
    await queue.add('dedupe', 'k1', { n: 2 });
    await queue.add('dedupe', 'k2', { n: 3 });
    queue.process<{ n: number }>('dedupe', async (job) => { seen.push(`${job.key}:${job.payload.n}`); }, 2);
    await until(() => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.sort()).toEqual(['k1:1', 'k2:3']);
    await until(async () => (await queue.depth('dedupe')).waiting === 0 && (await queue.depth('dedupe')).active === 0);
  });

  it('retries a failing job until it succeeds, counting attempts', async () => {
    const attempts: Job[] = [];
    await queue.add('retry', 'flaky', { x: 1 }, { maxAttempts: 3 });
    queue.process('retry', async (job) => {
      attempts.push(job);
      if (attempts.length < 2) throw new Error('transient');
    });
    await until(() => attempts.length >= 2, 30_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });

  it('marks a job failed after its last attempt and reports it in the depth', async () => {
    await queue.add('doomed', 'always', {}, { maxAttempts: 1 });
    queue.process('doomed', async () => { throw new Error('permanent'); });
    await until(async () => (await queue.depth('doomed')).failed === 1);
  });
});

describe('database queue crash recovery', () => {
  it('takes a job again when the worker that claimed it died before finishing', async () => {
    const test = await openTestDatabase('pglite');
    const crashed = new DatabaseQueue(test.db.sql, { pollMs: 20, leaseMs: 200 });
    await crashed.add('work', 'job-1', {});
    let claimedByCrashed = false;
    // The first worker claims the job and never finishes it: a process killed mid-job.
    crashed.process('work', () => { claimedByCrashed = true; return new Promise<void>(() => undefined); });
    await until(() => claimedByCrashed);
    const survivor = new DatabaseQueue(test.db.sql, { pollMs: 20, leaseMs: 200 });
    const done: number[] = [];
    survivor.process('work', async (job) => { done.push(job.attempt); });
    await until(() => done.length === 1);
    expect(done).toEqual([2]);
    await survivor.close();
    await test.dispose();
  });
});
