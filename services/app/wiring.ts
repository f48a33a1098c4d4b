import type { ApiDeps } from '../api/types.ts';
import type { IngestHook } from '../ingest/ingest-transactions.ts';
import type { AppContext } from '../platform/context.ts';
import type { PhotoPipeline } from '../photos/pipeline/index.ts';
import { raiseAlerts } from '../review/raise-alerts.ts';
import { createScoringEngine, type ScoringEngine } from '../risk/engine/scoring-hook.ts';
import { sweepTolerance } from '../risk/engine/tolerance-sweep.ts';
import { alertFeedTask, instrumentScoring, monitorQueues } from '../supervision/index.ts';

/**
 * The composition root: which capability hooks into which. Ingestion knows nothing of the
 * risk engine; the engine scores inside the ingest transaction and hands its assessments to
 * the review capability, which raises alerts in that same transaction.
 */
export function createScoring(): ScoringEngine {
  // Timed for /metrics: ingestion rate and scoring latency, by trigger.
  return instrumentScoring(createScoringEngine([async (tx, assessed) => { await raiseAlerts(tx, assessed); }]));
}

export function ingestHooks(scoring: ScoringEngine): IngestHook[] {
  return [scoring.hook];
}

export function apiDeps(ctx: AppContext, scoring: ScoringEngine, photos?: PhotoPipeline): ApiDeps {
  // /metrics reports the depth of every queue a worker consumes (read from the shared queue).
  monitorQueues(workerRegistrations(ctx, photos).map((registration) => registration.queue));
  return { ctx, scoring, ingestHooks: ingestHooks(scoring), afterIngest: photos ? [photos.afterCommit] : [] };
}

/** Queue consumers of the worker role: [queue name, start function]. Capabilities add theirs here. */
export function workerRegistrations(_ctx: AppContext, photos?: PhotoPipeline): Array<{ queue: string; start: () => void }> {
  return photos ? [{ queue: 'photo-checks', start: () => photos.startWorker() }] : [];
}

/** Periodic tasks of the scheduler role. */
export function scheduledTasks(ctx: AppContext, scoring: ScoringEngine, photos?: PhotoPipeline): Array<{ name: string; everyMs: number; run: () => Promise<void> }> {
  return [
    ...(photos ? [{
      name: 'photo-checks requeue',
      everyMs: 60_000,
      run: async () => { await photos.requeuePending(); },
    }] : []),
    {
      name: 'tolerance-sweep (R25)',
      everyMs: 60_000,
      run: async () => {
        const swept = await sweepTolerance(ctx.db, scoring, new Date());
        if (swept > 0) ctx.logger.info({ swept }, 'tolerance sweep judged overdue transactions');
      },
    },
    // HIGH and dual-review alerts as Grafana annotations, when GRAFANA_URL is set.
    ...[alertFeedTask(ctx)].filter((task) => task !== null),
  ];
}
