/**
 * Photo checks as queue jobs: one job per transaction version (key `id@version`, so a
 * duplicate add is a no-op), queued right after ingestion commits. The source of truth is the
 * data, not the queue: a sweep re-queues every current assessment still PENDING, so a crash
 * between commit and queueing loses nothing.
 */
import type { AfterCommit } from '../../ingest/ingest-transactions.ts';
import type { Database } from '../../platform/db.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import { checkTransactionPhotos, type PhotoCheckDeps, type PhotoCheckJob, type PhotoCheckOutcome } from './check-transaction.ts';

export const PHOTO_QUEUE = 'photo-checks';

/** What a queued photo-check job carries. */
export type PhotoCheckJobPayload = PhotoCheckJob;

export function photoJobKey(job: PhotoCheckJob): string {
  return `${job.transactionId}@${job.version}`;
}

/** After ingestion: queue the versions that declared photos. */
export function queuePhotoChecksAfterCommit(queue: JobQueue, onError: (error: unknown) => void): AfterCommit {
  return async (stored) => {
    const jobs = stored.filter((s) => s.transaction.photos.length > 0).map((s) => ({ transactionId: s.transaction.id, version: s.transaction.version }));
    try {
      for (const job of jobs) await queue.add(PHOTO_QUEUE, photoJobKey(job), job);
    } catch (error) {
      onError(error);
    }
  };
}

/** Current assessments still waiting for their photos, oldest first. */
export async function pendingPhotoChecks(db: Database, limit: number, afterId = 0n): Promise<Array<PhotoCheckJob & { assessmentId: bigint }>> {
  const rows = await db.prisma.assessment.findMany({
    where: { current: true, photoChecks: 'PENDING', id: { gt: afterId } },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, transactionId: true, transactionVersion: true },
  });
  return rows.map((r) => ({ assessmentId: r.id, transactionId: r.transactionId, version: r.transactionVersion }));
}

/** The sweep: (re-)queues every pending version; returns how many it saw. */
export async function requeuePendingPhotoChecks(db: Database, queue: JobQueue): Promise<number> {
  let seen = 0;
  let after = 0n;
  for (;;) {
    const batch = await pendingPhotoChecks(db, 500, after);
    for (const job of batch) await queue.add(PHOTO_QUEUE, photoJobKey(job), { transactionId: job.transactionId, version: job.version });
    seen += batch.length;
    if (batch.length < 500) return seen;
    after = batch[batch.length - 1]!.assessmentId;
  }
}

/**
 * Runs every pending photo check in this process, `concurrency` transactions at a time, until
 * none is left (`npm run assess`, which has no separate worker). Returns the outcomes counted.
 */
export async function drainPhotoChecks(deps: PhotoCheckDeps, concurrency: number): Promise<Record<PhotoCheckOutcome, number>> {
  const counts: Record<PhotoCheckOutcome, number> = { checked: 0, stale: 0, 'already-done': 0 };
  let after = 0n;
  for (;;) {
    const batch = await pendingPhotoChecks(deps.db, 200, after);
    if (batch.length === 0) return counts;
    after = batch[batch.length - 1]!.assessmentId;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const job = batch[next++]!;
        counts[await checkTransactionPhotos(deps, job)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  }
}
