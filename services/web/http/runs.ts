/**
 * Long operations started from a page (a backtest, the audit-chain verification) run in the
 * background of the process that was asked, while the page polls their progress. Their state is
 * kept in the database (background_run, migrations 0013 and 0015), so that a poll reaching any
 * API process sees it, and the process running one beats a heartbeat with its progress. A run not
 * finished whose heartbeat stopped lost its process (a restart, a crash): the process answering
 * the next poll claims it and starts it again from its stored input (the work is a read, so
 * running it again from the start is safe), up to MAX_ATTEMPTS times; after that, or for a run
 * stored without input, it is reported as interrupted. A view of work, never a record (the audit
 * trail is one).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db.ts';
import type { AppError, Result } from '../../platform/errors.ts';

export interface Run<T> {
  readonly id: string;
  readonly kind: string;
  readonly owner: bigint;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  /** Units done and, when known, the total (transactions replayed, entries verified). */
  readonly done: number;
  readonly total: number | null;
  readonly finishedAt: number | null;
  readonly result: Result<T> | null;
  /** 1 when started; more when a process started it again after the one running it stopped. */
  readonly attempt: number;
}

/** The work of a run: a function of its stored input, so that another process can start it again. */
export type RunWork<I, T> = (input: I, report: (done: number) => void) => Promise<Result<T>>;

/** Progress and heartbeat are written at most this often (a poll comes every second). */
export const HEARTBEAT_MS = 1_000;
/** No heartbeat for this long: the process running the work is gone. */
export const STALE_AFTER_MS = 30_000;
/** Starts in all: a run that stopped its process this many times is not started again. */
export const MAX_ATTEMPTS = 3;

const INSERT_SQL = `INSERT INTO background_run (id, kind, owner_id, total, input) VALUES ($1, $2, $3::bigint, $4::bigint, $5::jsonb)
  RETURNING (extract(epoch FROM started_at) * 1000)::float8 AS started`;
/** Beats and the result of an attempt another process has superseded change nothing. */
const BEAT_SQL = 'UPDATE background_run SET done = $2::bigint, heartbeat_at = now() WHERE id = $1 AND attempt = $3 AND finished_at IS NULL';
const FINISH_SQL = 'UPDATE background_run SET done = $2::bigint, heartbeat_at = now(), finished_at = now(), result = $3::jsonb WHERE id = $1 AND attempt = $4';
/** One UPDATE: of the processes polling a stopped run at once, exactly one gets it back. */
const CLAIM_SQL = `UPDATE background_run SET heartbeat_at = now(), done = 0, attempt = attempt + 1
  WHERE id = $1 AND kind = $2 AND owner_id = $3::bigint AND finished_at IS NULL AND input IS NOT NULL
    AND heartbeat_at < now() - make_interval(secs => $4::float8 / 1000) AND attempt < $5
  RETURNING input, attempt`;
/** Kept a day after their last beat: finishing beats once more, so this covers finished and orphaned runs alike. */
const FORGET_SQL = `DELETE FROM background_run WHERE heartbeat_at < now() - interval '1 day'`;
const FIND_SQL = `SELECT id, kind, owner_id::text AS owner, done::float8 AS done, total::float8 AS total, result, attempt,
    (extract(epoch FROM started_at) * 1000)::float8 AS started, (extract(epoch FROM finished_at) * 1000)::float8 AS finished,
    (finished_at IS NULL AND heartbeat_at < now() - make_interval(secs => $4::float8 / 1000)) AS stale
  FROM background_run WHERE id = $1 AND kind = $2 AND owner_id = $3::bigint`;

interface RunRow extends Record<string, unknown> {
  id: string; kind: string; owner: string; done: number; total: number | null; result: unknown;
  started: number; finished: number | null; stale: boolean; attempt: number;
}

const failure = (detail: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', detail } satisfies AppError });

/** Runs one attempt of the work in the background, beating its heartbeat, and stores its result. */
function runInBackground<T>(db: Database, id: string, attempt: number, work: (report: (done: number) => void) => Promise<Result<T>>): void {
  let done = 0;
  // A missed beat is made up by the next one; a database down for STALE_AFTER_MS reads as stopped.
  const beat = (): void => { db.sql.query(BEAT_SQL, [id, done, attempt]).catch(() => undefined); };
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();
  const finish = async (result: Result<T>): Promise<void> => {
    clearInterval(heartbeat);
    await db.sql.query(FINISH_SQL, [id, done, JSON.stringify(result), attempt]).catch(() => undefined);
  };
  void work((n) => { done = n; }).then(finish, (error: unknown) =>
    finish(failure(`执行失败：${(error as Error)?.message ?? String(error)} (run failed)`)));
}

/**
 * Records the run with its input, starts `work` and returns at once; `report(done)` updates the
 * progress a poll shows (written with the heartbeat, at most every HEARTBEAT_MS).
 */
export async function startRun<I, T>(db: Database, kind: string, owner: bigint, total: number | null, input: I, work: RunWork<I, T>): Promise<Run<T>> {
  await db.sql.query(FORGET_SQL);
  const id = randomUUID();
  const [row] = await db.sql.query<{ started: number }>(INSERT_SQL, [id, kind, owner.toString(), total, JSON.stringify(input)]);
  runInBackground(db, id, 1, (report) => work(input, report));
  return { id, kind, owner, startedAt: row?.started ?? Date.now(), done: 0, total, finishedAt: null, result: null, attempt: 1 };
}

const toRun = <T>(row: RunRow, result: Result<T> | null, finishedAt: number | null): Run<T> => ({
  id: row.id, kind: row.kind, owner: BigInt(row.owner), startedAt: row.started, done: row.done, total: row.total, finishedAt, result, attempt: row.attempt,
});

/**
 * A run of this kind started by this user (another user's run id finds nothing), as the
 * database holds it. A run whose process stopped beating is started again here with `resume`
 * (the work as the polling user may do it now); without `resume`, with no input stored or after
 * MAX_ATTEMPTS starts it comes back finished, as a failure.
 */
export async function findRun<I, T>(db: Database, id: string, kind: string, owner: bigint, resume?: RunWork<I, T>): Promise<Run<T> | null> {
  const [row] = await db.sql.query<RunRow>(FIND_SQL, [id, kind, owner.toString(), STALE_AFTER_MS]);
  if (!row) return null;
  if (row.stale && resume) {
    const [claimed] = await db.sql.query<{ input: I; attempt: number }>(CLAIM_SQL, [id, kind, owner.toString(), STALE_AFTER_MS, MAX_ATTEMPTS]);
    if (claimed) {
      runInBackground(db, id, claimed.attempt, (report) => resume(claimed.input, report));
      return toRun({ ...row, done: 0, attempt: claimed.attempt }, null, null);
    }
    // Another process got it first (its start is a fresh beat), or it may not be started again.
    return findRun(db, id, kind, owner);
  }
  if (!row.stale) return toRun(row, (row.result as Result<T> | null), row.finished);
  const starts = row.attempt > 1 ? `，已重新开始 ${row.attempt - 1} 次` : '';
  return toRun(row, failure(`运行该任务的进程已停止（重启或故障）${starts}，请重新开始 (the process running it stopped)`), Date.now());
}
