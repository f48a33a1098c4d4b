import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { DatabaseQueue } from '../../platform/queue/index.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { RECOMPUTE_QUEUE, recomputeHandler, requestRecompute, scheduleRecompute } from './recompute-job.ts';

const SETTINGS = { hour: 2, options: {} };
/** 01:00 and 03:00 in Asia/Shanghai on 2 March 2026. */
const BEFORE_HOUR = new Date('2026-03-01T17:00:00Z');
const AFTER_HOUR = new Date('2026-03-01T19:00:00Z');

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(BACKENDS)('the recompute job on %s', (kind) => {
  let test: TestDatabase;
  let queue: DatabaseQueue;
  const published: FlaggedRing[][] = [];
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    queue = new DatabaseQueue(test.db.sql, { pollMs: 50 });
  });
  afterAll(async () => {
    await queue.close();
    await test.dispose();
  });

  it('queues the first run at once, once, and runs it in the worker with the rings published', async () => {
    expect(await scheduleRecompute(test.db, queue, SETTINGS, BEFORE_HOUR)).toBe('initial-2026-03-02');
    expect(await scheduleRecompute(test.db, queue, SETTINGS, BEFORE_HOUR)).toBe('initial-2026-03-02');
    expect((await queue.depth(RECOMPUTE_QUEUE)).waiting).toBe(1);
    queue.process(RECOMPUTE_QUEUE, recomputeHandler(test.db, SETTINGS, async (rings) => { published.push(rings); }), 1);
    await until(async () => (await test.db.prisma.intermediaryRun.count({ where: { kind: 'FULL', status: 'DONE' } })) === 1);
    expect(published).toEqual([[]]);
    const run = await test.db.prisma.intermediaryRun.findFirstOrThrow({ where: { kind: 'FULL' } });
    expect(run.requestedBy).toBe('system');
  });

  it('then queues one run a night, after the configured hour, unless one ran since', async () => {
    expect(await scheduleRecompute(test.db, queue, SETTINGS, BEFORE_HOUR)).toBeNull();
    expect(await scheduleRecompute(test.db, queue, SETTINGS, new Date())).toBeNull();
    await test.db.sql.query(`UPDATE intermediary_run SET started_at = '2026-03-01T00:00:00Z'`);
    expect(await scheduleRecompute(test.db, queue, SETTINGS, AFTER_HOUR)).toBe('nightly-2026-03-02');
    await until(async () => (await test.db.prisma.intermediaryRun.count({ where: { kind: 'FULL', status: 'DONE' } })) === 2);
  });

  it('queues a requested run, audited, but not a second one while the first waits', async () => {
    await queue.close();
    const idle = new DatabaseQueue(test.db.sql);
    const first = await requestRecompute(test.db, idle, 'investigator-1');
    const second = await requestRecompute(test.db, idle, 'investigator-2');
    expect([first.ok && first.value.queued, second.ok && second.value.queued]).toEqual([true, false]);
    const entries = await test.db.prisma.auditEntry.findMany({ where: { action: 'intermediaries.recompute_requested' }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => [e.actor, (e.data as { queued: boolean }).queued])).toEqual([['investigator-1', true], ['investigator-2', false]]);
  });
});
