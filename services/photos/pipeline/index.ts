/** The photo pipeline: queue jobs that run the models and feed R28–R38 (issue 4). */
import type { AfterCommit } from '../../ingest/ingest-transactions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ScoringEngine } from '../../risk/engine/scoring-hook.ts';
import { openRegistry } from '../index.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { checkTransactionPhotos, type PhotoCheckDeps } from './check-transaction.ts';
import { timedRegistry, type ModelRunObserver } from './model-timing.ts';
import { PHOTO_QUEUE, queuePhotoChecksAfterCommit, requeuePendingPhotoChecks, type PhotoCheckJobPayload } from './jobs.ts';

export { checkTransactionPhotos, type PhotoCheckDeps, type PhotoCheckJob, type PhotoCheckOutcome } from './check-transaction.ts';
export { drainPhotoChecks, pendingPhotoChecks, PHOTO_QUEUE, photoJobKey, requeuePendingPhotoChecks } from './jobs.ts';
export { loadPhotoFindings } from './load-findings.ts';
export { findNearCopies, type NearCopy } from './near-duplicates.ts';
export { judgePhoto, type PhotoVerdict } from './verdict.ts';
export { DEFAULT_VERDICT_POLICY, loadVerdictPolicy, policyInput, saveVerdictPolicy, thresholdsFor, type VerdictPolicy } from './verdict-policy.ts';
export type { StoredFindings } from './stored-findings.ts';

export interface PhotoPipeline {
  readonly deps: PhotoCheckDeps;
  /** Queues the photo checks of what an ingestion just stored. */
  readonly afterCommit: AfterCommit;
  /** Loads and verifies every model now: a missing or corrupt model stops start-up. */
  verifyModels(): Promise<void>;
  /** Worker role: consume the photo-check queue. */
  startWorker(): void;
  /** Scheduler role: re-queue what is still pending (lost on a crash between commit and queueing). */
  requeuePending(): Promise<number>;
  close(): Promise<void>;
}

/** `observeModelRun` hears every model inference (the per-model latency metric). */
export function createPhotoPipeline(ctx: AppContext, scoring: ScoringEngine, observeModelRun?: ModelRunObserver): PhotoPipeline {
  let registry: Promise<ModelRegistry> | undefined;
  const models = (): Promise<ModelRegistry> => {
    registry ??= openRegistry(ctx.env, (message) => ctx.logger.warn(message)).then((r) => timedRegistry(r, observeModelRun));
    return registry;
  };
  const deps: PhotoCheckDeps = {
    db: ctx.db, blobs: ctx.blobs, models, scoring,
    maxPixels: ctx.env.PHOTO_MAX_PIXELS, reviewSlaHours: ctx.env.PHOTO_REVIEW_SLA_HOURS,
  };
  return {
    deps,
    afterCommit: queuePhotoChecksAfterCommit(ctx.queue, (error) => ctx.logger.warn({ err: error }, 'photo checks not queued; the sweep will queue them')),
    verifyModels: async () => { await (await models()).loadAll(); },
    startWorker: () => {
      ctx.queue.process<PhotoCheckJobPayload>(PHOTO_QUEUE, async (job) => {
        const outcome = await checkTransactionPhotos(deps, job.payload);
        ctx.logger.debug({ transactionId: job.payload.transactionId, outcome }, 'photo checks');
      }, ctx.env.PHOTO_WORKER_CONCURRENCY);
    },
    requeuePending: () => requeuePendingPhotoChecks(ctx.db, ctx.queue),
    close: async () => { if (registry) await (await registry).release(); },
  };
}
