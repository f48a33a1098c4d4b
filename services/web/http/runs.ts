/**
 * Long operations started from a page (a backtest, the audit-chain verification) run in the
 * background of the process that was asked, while the page polls their progress. Their state is
 * kept in the database (background_run, migration 0013), so that a poll reaching any API process
 * sees it, and the process running one beats a heartbeat with its progress: a run not finished
 * whose heartbeat stopped lost its process (a restart, a crash) and is reported as interrupted
 * instead of spinning forever. A view of work, never a record (the audit trail is one).
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
}

/** Progress and heartbeat are written at most this often (a poll comes every second). */
export const HEARTBEAT_MS = 1_000;
/** No heartbeat for this long: the process running the work is gone. */
export const STALE_AFTER_MS = 30_000;

const INSERT_SQL = `INSERT INTO background_run (id, kind, owner_id, total) VALUES ($1, $2, $3::bigint, $4::bigint)
  RETURNING (extract(epoch FROM started_at) * 1000)::float8 AS started`;
const BEAT_SQL = 'UPDATE background_run SET done = $2::bigint, heartbeat_at = now() WHERE id = $1 AND finished_at IS NULL';
const FINISH_SQL = 'UPDATE background_run SET done = $2::bigint, heartbeat_at = now(), finished_at = now(), result = $3::jsonb WHERE id = $1';
/** Kept a day after their last beat: finishing beats once more, so this covers finished and orphaned runs alike. */
const FORGET_SQL = `DELETE FROM background_run WHERE heartbeat_at < now() - interval '1 day'`;
const FIND_SQL = `SELECT id, kind, owner_id::text AS owner, done::float8 AS done, total::float8 AS total, result,
    (extract(epoch FROM started_at) * 1000)::float8 AS started, (extract(epoch FROM finished_at) * 1000)::float8 AS finished,
    (finished_at IS NULL AND heartbeat_at < now() - make_interval(secs => $4::float8 / 1000)) AS stale
  FROM background_run WHERE id = $1 AND kind = $2 AND owner_id = $3::bigint`;

interface RunRow extends Record<string, unknown> {
  id: string; kind: string; owner: string; done: number; total: number | null; result: unknown;
  started: number; finished: number | null; stale: boolean;
}

const failure = (detail: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', detail } satisfies AppError });

/**
 * Records the run, starts `work` and returns at once; `report(done)` updates the progress a poll
 * shows (written with the heartbeat, at most every HEARTBEAT_MS).
 */
export async function startRun<T>(
  db: Database, kind: string, owner: bigint, total: number | null,
  work: (report: (done: number) => void) => Promise<Result<T>>,
): Promise<Run<T>> {
  await db.sql.query(FORGET_SQL);
  const id = randomUUID();
  const [row] = await db.sql.query<{ started: number }>(INSERT_SQL, [id, kind, owner.toString(), total]);
  let done = 0;
  // A missed beat is made up by the next one; a database down for STALE_AFTER_MS reads as interrupted.
  const beat = (): void => { db.sql.query(BEAT_SQL, [id, done]).catch(() => undefined); };
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();
  const finish = async (result: Result<T>): Promise<void> => {
    clearInterval(heartbeat);
    await db.sql.query(FINISH_SQL, [id, done, JSON.stringify(result)]).catch(() => undefined);
  };
  void work((n) => { done = n; }).then(finish, (error: unknown) =>
    finish(failure(`执行失败：${(error as Error)?.message ?? String(error)} (run failed)`)));
  return { id, kind, owner, startedAt: row?.started ?? Date.now(), done: 0, total, finishedAt: null, result: null };
}

/**
 * A run of this kind started by this user (another user's run id finds nothing), as the
 * database holds it: a run whose process stopped beating comes back finished, as a failure.
 */
export async function findRun<T>(db: Database, id: string, kind: string, owner: bigint): Promise<Run<T> | null> {
  const [row] = await db.sql.query<RunRow>(FIND_SQL, [id, kind, owner.toString(), STALE_AFTER_MS]);
  if (!row) return null;
  const interrupted = row.stale ? failure('运行该任务的进程已停止（重启或故障），请重新开始 (the process running it stopped)') : null;
  return {
    id: row.id, kind: row.kind, owner: BigInt(row.owner), startedAt: row.started, done: row.done, total: row.total,
    finishedAt: row.finished ?? (interrupted ? Date.now() : null),
    result: (row.result as Result<T> | null) ?? interrupted,
  };
}
