import type { ApiDeps } from '../api/types.ts';
import type { IngestHook } from '../ingest/ingest-transactions.ts';
import { intermediariesIngestHook, RECOMPUTE_QUEUE, recomputeHandler, refreshRings, refreshSearchKeys, rescoreDeferred, scheduleRecompute, type RecomputeSettings } from '../intermediaries/index.ts';
import type { AppContext } from '../platform/context.ts';
import { refreshStaleStatistics } from '../platform/planner-statistics.ts';
import type { PhotoPipeline } from '../photos/pipeline/index.ts';
import { raiseAlerts } from '../review/raise-alerts.ts';
import { publishRings } from '../risk/engine/rings.ts';
import { createScoringEngine, type ScoringEngine } from '../risk/engine/scoring-hook.ts';
import { sweepTolerance } from '../risk/engine/tolerance-sweep.ts';
import { alertFeedTask, factRefreshTask, instrumentScoring, monitorQueues } from '../supervision/index.ts';

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
  // After scoring: the touched agents' intermediary scores are updated in the same transaction.
  return [scoring.hook, intermediariesIngestHook()];
}

/** The intermediary detector's configuration (INTERMEDIARIES_* variables). */
export function recomputeSettings(ctx: AppContext): RecomputeSettings {
  const env = ctx.env;
  return {
    hour: env.INTERMEDIARIES_RECOMPUTE_HOUR,
    options: { windowDays: env.INTERMEDIARIES_WINDOW_DAYS, maxSharers: env.INTERMEDIARIES_MAX_SHARERS, minScore: env.INTERMEDIARIES_MIN_SCORE },
  };
}

export function apiDeps(ctx: AppContext, scoring: ScoringEngine, photos?: PhotoPipeline): ApiDeps {
  // /metrics reports the depth of every queue a worker consumes (read from the shared queue).
  monitorQueues(workerRegistrations(ctx, photos).map((registration) => registration.queue));
  return { ctx, scoring, ingestHooks: ingestHooks(scoring), afterIngest: photos ? [photos.afterCommit] : [] };
}

/** Queue consumers of the worker role: [queue name, start function]. Capabilities add theirs here. */
export function workerRegistrations(ctx: AppContext, photos?: PhotoPipeline): Array<{ queue: string; start: () => void }> {
  // The full intermediary recompute; its rings become R21's input (re-assessing ring members' cases).
  const recompute = recomputeHandler(ctx.db, recomputeSettings(ctx), (rings) => publishRings(ctx.db, createScoring(), rings));
  return [
    ...(photos ? [{ queue: 'photo-checks', start: () => photos.startWorker() }] : []),
    { queue: RECOMPUTE_QUEUE, start: () => ctx.queue.process(RECOMPUTE_QUEUE, recompute, 1) },
  ];
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
    {
      // The first full intermediary recompute as soon as possible, then one a night.
      name: 'intermediaries-recompute schedule',
      // Often, so a first start has its rings within seconds; queuing is de-duplicated by key.
      everyMs: 15_000,
      run: async () => { await scheduleRecompute(ctx.db, ctx.queue, recomputeSettings(ctx)); },
    },
    {
      // Agents touched by bulk ingest batches, rescored outside the batch's transaction.
      name: 'intermediaries deferred rescoring',
      everyMs: 5_000,
      run: async () => { await rescoreDeferred(ctx.db); },
    },
    // New agents joined to the rings whose identifiers they use, between full runs; R21 sees them.
    ...(ctx.env.INTERMEDIARIES_RING_REFRESH_MINUTES > 0 ? [{
      name: 'intermediaries ring refresh',
      everyMs: ctx.env.INTERMEDIARIES_RING_REFRESH_MINUTES * 60_000,
      run: async () => { await refreshRings(ctx.db, { actor: 'system', publishRings: (rings) => publishRings(ctx.db, createScoring(), rings) }); },
    }] : []),
    // The investigator's name and address keys follow ingestion, so searches rarely key first.
    {
      name: 'investigator search keys',
      everyMs: 30_000,
      run: async () => { await refreshSearchKeys(ctx.db); },
    },
    // The fact table of the risk-point dashboards, within a minute of scoring.
    factRefreshTask(ctx),
    // HIGH and dual-review alerts as Grafana annotations, when GRAFANA_URL is set.
    ...[alertFeedTask(ctx)].filter((task) => task !== null),
    // The embedded engine has no autovacuum: tables that grew are analyzed here (planner-statistics.ts).
    ...(ctx.db.kind === 'pglite' ? [{
      name: 'embedded planner statistics',
      everyMs: 10 * 60_000,
      run: async () => {
        const analyzed = await refreshStaleStatistics(ctx.db.sql);
        if (analyzed.length > 0) ctx.logger.info({ analyzed }, 'planner statistics refreshed');
      },
    }] : []),
  ];
}
