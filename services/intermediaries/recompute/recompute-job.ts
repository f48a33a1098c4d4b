/**
 * The full recompute as a job on the platform queue (`intermediaries-recompute`): queued
 * nightly by the scheduler, once at first start, and on demand by an ADMIN or INVESTIGATOR.
 * Jobs are de-duplicated by key, so the nightly one runs once a day however many
 * schedulers tick, and a request while one is waiting does not queue a second.
 */
import { appendAudit } from '../../audit/index.ts';
import { localDateTime, startOfLocalDate } from '../../domain/index.ts';
import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import type { JobHandler, JobQueue } from '../../platform/queue/index.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import type { DetectionOptions } from '../types.ts';
import { runFullRecompute } from './run-recompute.ts';

export const RECOMPUTE_QUEUE = 'intermediaries-recompute';

export interface RecomputeJob {
  readonly actor: string;
  readonly reason: 'NIGHTLY' | 'INITIAL' | 'REQUESTED';
}

export interface RecomputeSettings {
  readonly options: DetectionOptions;
  /** Local hour after which the day's run is queued. */
  readonly hour: number;
}

/** A recompute is slow and idempotent: few attempts, the next night retries anyway. */
const MAX_ATTEMPTS = 3;

/** Queues a recompute now for `actor` (audited); while one is waiting or running, no second one is queued. */
export async function requestRecompute(db: Database, queue: JobQueue, actor: string, now = new Date()): Promise<Result<{ queued: boolean; key: string | null }>> {
  const depth = await queue.depth(RECOMPUTE_QUEUE);
  const busy = depth.waiting + depth.active + depth.delayed > 0;
  const key = busy ? null : `requested-${now.getTime()}`;
  if (key) await queue.add<RecomputeJob>(RECOMPUTE_QUEUE, key, { actor, reason: 'REQUESTED' }, { maxAttempts: MAX_ATTEMPTS });
  await db.prisma.$transaction((tx) => appendAudit(tx, [{
    actor, action: 'intermediaries.recompute_requested', entityType: 'job', entityId: `${RECOMPUTE_QUEUE}:${key ?? 'already-queued'}`, data: { queued: key !== null },
  }], now));
  return ok({ queued: key !== null, key });
}

/**
 * The scheduler's tick: while no full run has ever completed, one as soon as possible
 * (`initial-<date>`: a failed first run is tried again the next day, not every tick); after
 * that, one a day once the local time passes `hour` (`nightly-<date>`), unless a run already
 * started since. Returns the key queued.
 */
export async function scheduleRecompute(db: Database, queue: JobQueue, settings: RecomputeSettings, now = new Date()): Promise<string | null> {
  const [last] = await db.sql.query<{ started_at: Date | string }>(
    `SELECT started_at FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`);
  const local = localDateTime(now);
  const due = new Date(startOfLocalDate(local.date).getTime() + settings.hour * 3_600_000);
  let key: string | null = null;
  if (!last) key = `initial-${local.date}`;
  else if (now >= due && new Date(last.started_at) < due) key = `nightly-${local.date}`;
  if (key) await queue.add<RecomputeJob>(RECOMPUTE_QUEUE, key, { actor: 'system', reason: last ? 'NIGHTLY' : 'INITIAL' }, { maxAttempts: MAX_ATTEMPTS });
  return key;
}

/** The worker's handler: one full recompute, rings published through `publishRings`. */
export function recomputeHandler(db: Database, settings: RecomputeSettings, publishRings: (rings: FlaggedRing[]) => Promise<unknown>): JobHandler<RecomputeJob> {
  return async (job) => {
    await runFullRecompute(db, { actor: job.payload.actor, options: settings.options, publishRings });
  };
}
