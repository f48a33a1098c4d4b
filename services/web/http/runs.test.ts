import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { openDatabase, type Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { findRun, HEARTBEAT_MS, MAX_ATTEMPTS, startRun, type Run, type RunWork } from './runs.ts';

/** Polls as the page does until the run has a result (or the time is up). */
async function settled<T>(db: Database, run: Run<T>): Promise<Run<T> | null> {
  for (let i = 0; i < 100; i++) {
    const now = await findRun<unknown, T>(db, run.id, run.kind, run.owner);
    if (now?.result) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

describe.each(BACKENDS)('background runs on %s', (kind) => {
  let test: TestDatabase;
  /** Another API process's connection to the same database (the embedded one has a single process). */
  let other: Database;
  let owner: bigint;
  let stranger: bigint;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    other = test.url ? await openDatabase({ url: test.url, embeddedDir: '', poolSize: 2 }) : test.db;
    const users = await test.db.sql.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ('auditor', '审计员', 'x', '{AUDITOR}'), ('other', '其他', 'x', '{AUDITOR}') RETURNING id::text`);
    [owner, stranger] = users.map((u) => BigInt(u.id)) as [bigint, bigint];
  });
  afterAll(async () => {
    if (other !== test.db) await other.close();
    await test.dispose();
  });

  it('shows the progress and then the result to a poll answered by any process, and to nobody else', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const run = await startRun<object, { entries: number }>(test.db, 'verify', owner, 10, {}, async (_input, report) => {
      report(7);
      await gate;
      return ok({ entries: 10 });
    });
    expect(run).toMatchObject({ done: 0, total: 10, result: null });
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 1.5));
    expect(await findRun(other, run.id, 'verify', owner)).toMatchObject({ done: 7, total: 10, finishedAt: null, result: null });
    expect(await findRun(other, run.id, 'verify', stranger)).toBeNull();
    expect(await findRun(other, run.id, 'backtest', owner)).toBeNull();
    release();
    const finished = await settled(other, run);
    expect(finished).toMatchObject({ done: 7, result: { ok: true, value: { entries: 10 } } });
    expect(finished?.finishedAt).toBeGreaterThanOrEqual(run.startedAt);
  });

  it('reports a failure in the work as the result of the run', async () => {
    const run = await startRun(test.db, 'backtest', owner, null, {}, async (): Promise<Result<never>> => { throw new Error('disk full'); });
    expect((await settled(other, run))?.result).toEqual({ ok: false, error: { code: 'INTERNAL', detail: '执行失败：disk full (run failed)' } });
  });

  it('starts a run whose process stopped again from its input, in one of the processes polling it, a limited number of times', async () => {
    // What a process leaves behind when it stops in the middle of a run, input stored (0015).
    await test.db.sql.query(`INSERT INTO background_run (id, kind, owner_id, done, total, started_at, heartbeat_at, input, attempt)
      VALUES ('stopped', 'backtest', $1::bigint, 3, 10, now() - interval '2 minutes', now() - interval '1 minute', '{"version": "v7"}', 1),
             ('worn', 'backtest', $1::bigint, 3, 10, now() - interval '9 minutes', now() - interval '1 minute', '{"version": "v7"}', $2)`, [owner.toString(), MAX_ATTEMPTS]);
    const inputs: unknown[] = [];
    // The restarted work waits until both polls have answered, so neither can see it finished yet.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const resume: RunWork<{ version: string }, { replayed: string }> = async (input, report) => {
      inputs.push(input);
      report(10);
      await gate;
      return ok({ replayed: input.version });
    };
    // Two processes poll it at once: one of them starts it.
    const polls = await Promise.all([findRun(other, 'stopped', 'backtest', owner, resume), findRun(test.db, 'stopped', 'backtest', owner, resume)]);
    release();
    expect(polls.map((r) => r?.result ?? null)).toContainEqual(null);
    const restarted = polls.find((r) => r?.attempt === 2);
    expect(restarted).toMatchObject({ done: 0, total: 10, finishedAt: null, result: null, attempt: 2 });
    const finished = await settled(other, restarted!);
    expect(finished).toMatchObject({ done: 10, attempt: 2, result: { ok: true, value: { replayed: 'v7' } } });
    expect(inputs).toEqual([{ version: 'v7' }]);
    // Stopped as many times as it may start: reported, not started again.
    const worn = await findRun(other, 'worn', 'backtest', owner, resume);
    expect(worn).toMatchObject({ attempt: MAX_ATTEMPTS, result: { ok: false, error: { code: 'INTERNAL' } } });
    expect(worn?.result?.ok === false && worn.result.error.detail).toContain(`已重新开始 ${MAX_ATTEMPTS - 1} 次`);
    expect(inputs).toHaveLength(1);
  });

  it('keeps the result of the attempt that holds the run, not of one superseded', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const run = await startRun(test.db, 'verify', owner, 1, {}, async () => { await gate; return ok({ from: 'first' }); });
    // Another process took the run over (the first one seemed gone).
    await test.db.sql.query('UPDATE background_run SET attempt = 2 WHERE id = $1', [run.id]);
    release();
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 1.5));
    expect(await findRun(other, run.id, 'verify', owner)).toMatchObject({ attempt: 2, finishedAt: null, result: null });
  });

  it('reads a run whose process stopped beating as interrupted, and forgets runs a day old', async () => {
    // What a process leaves behind when it stops in the middle of a run.
    await test.db.sql.query(`INSERT INTO background_run (id, kind, owner_id, done, total, started_at, heartbeat_at)
      VALUES ('orphan', 'verify', $1::bigint, 3, 10, now() - interval '2 minutes', now() - interval '1 minute'),
             ('old', 'verify', $1::bigint, 10, 10, now() - interval '2 days', now() - interval '2 days')`, [owner.toString()]);
    const orphan = await findRun(other, 'orphan', 'verify', owner);
    expect(orphan).toMatchObject({ done: 3, result: { ok: false, error: { code: 'INTERNAL' } } });
    expect(orphan?.result?.ok === false && orphan.result.error.detail).toContain('进程已停止');
    expect(await findRun(other, 'old', 'verify', owner)).not.toBeNull();
    await startRun(test.db, 'verify', owner, 0, {}, async () => ok({}));
    expect(await findRun(other, 'old', 'verify', owner)).toBeNull();
    expect(await findRun(other, 'orphan', 'verify', owner)).not.toBeNull();
  });
});
