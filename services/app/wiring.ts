import type { ApiDeps } from '../api/types.ts';
import type { IngestHook } from '../ingest/ingest-transactions.ts';
import type { AppContext } from '../platform/context.ts';
import { raiseAlerts } from '../review/raise-alerts.ts';
import { createScoringEngine, type ScoringEngine } from '../risk/engine/scoring-hook.ts';
import { sweepTolerance } from '../risk/engine/tolerance-sweep.ts';

/**
 * The composition root: which capability hooks into which. Ingestion knows nothing of the
 * risk engine; the engine scores inside the ingest transaction and hands its assessments to
 * the review capability, which raises alerts in that same transaction.
 */
export function createScoring(): ScoringEngine {
  return createScoringEngine([async (tx, assessed) => { await raiseAlerts(tx, assessed); }]);
}

export function ingestHooks(scoring: ScoringEngine): IngestHook[] {
  return [scoring.hook];
}

export function apiDeps(ctx: AppContext, scoring: ScoringEngine): ApiDeps {
  return { ctx, scoring, ingestHooks: ingestHooks(scoring) };
}

/** Queue consumers of the worker role: [queue name, start function]. Capabilities add theirs here. */
export function workerRegistrations(_ctx: AppContext): Array<{ queue: string; start: () => void }> {
  return [];
}

/** Periodic tasks of the scheduler role. */
export function scheduledTasks(ctx: AppContext, scoring: ScoringEngine): Array<{ name: string; everyMs: number; run: () => Promise<void> }> {
  return [
    {
      name: 'tolerance-sweep (R25)',
      everyMs: 60_000,
      run: async () => {
        const swept = await sweepTolerance(ctx.db, scoring, new Date());
        if (swept > 0) ctx.logger.info({ swept }, 'tolerance sweep judged overdue transactions');
      },
    },
  ];
}
