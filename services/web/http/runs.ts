/**
 * Long operations started from a page (a backtest, the audit-chain verification) run in the
 * background of this process while the page polls their progress. Runs live in memory: they are
 * a view of work whose result is also recomputable, never a record (the audit trail is). Behind
 * several API processes the poll must reach the same one (sticky sessions), see README.
 */
import { randomUUID } from 'node:crypto';
import type { AppError, Result } from '../../platform/errors.ts';

export interface Run<T> {
  readonly id: string;
  readonly kind: string;
  readonly owner: bigint;
  readonly startedAt: number;
  /** Units done and, when known, the total (transactions replayed, entries verified). */
  done: number;
  total: number | null;
  finishedAt: number | null;
  result: Result<T> | null;
}

const KEEP_FINISHED_MS = 15 * 60_000;
const MAX_RUNS = 200;
const runs = new Map<string, Run<unknown>>();

function forgetOld(now: number): void {
  for (const [id, run] of runs) {
    if (run.finishedAt !== null && now - run.finishedAt > KEEP_FINISHED_MS) runs.delete(id);
  }
  while (runs.size >= MAX_RUNS) {
    const oldest = runs.keys().next().value;
    if (oldest === undefined) break;
    runs.delete(oldest);
  }
}

/** Starts `work` now and returns at once; `report(done)` updates the progress a poll shows. */
export function startRun<T>(kind: string, owner: bigint, total: number | null, work: (report: (done: number) => void) => Promise<Result<T>>): Run<T> {
  const now = Date.now();
  forgetOld(now);
  const run: Run<T> = { id: randomUUID(), kind, owner, startedAt: now, done: 0, total, finishedAt: null, result: null };
  runs.set(run.id, run as Run<unknown>);
  const finish = (result: Result<T>) => { run.result = result; run.finishedAt = Date.now(); };
  work((done) => { run.done = done; }).then(finish, (error: unknown) => {
    const failure: AppError = { code: 'INTERNAL', detail: `执行失败：${(error as Error)?.message ?? String(error)} (run failed)` };
    finish({ ok: false, error: failure });
  });
  return run;
}

/** A run of this kind started by this user (another user's run id finds nothing). */
export function findRun<T>(id: string, kind: string, owner: bigint): Run<T> | null {
  const run = runs.get(id);
  return run && run.kind === kind && run.owner === owner ? (run as Run<T>) : null;
}
