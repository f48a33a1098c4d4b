import type { AppContext } from '../platform/context.ts';
import type { ScheduledTask } from './alert-feed-task.ts';
import { refreshFacts } from './refresh-facts.ts';

/** The scheduler keeps the dashboards' fact tables within a minute of scoring; runs never overlap. */
export function factRefreshTask(ctx: AppContext, everyMs = 60_000): ScheduledTask {
  let running = false;
  return {
    name: 'supervision facts refresh',
    everyMs,
    run: async () => {
      if (running) return;
      running = true;
      try {
        const started = performance.now();
        const refresh = await refreshFacts(ctx.db);
        if (refresh.riskHits.facts + refresh.photoChecks.facts > 0) ctx.logger.debug({ ...refresh, ms: Math.round(performance.now() - started) }, 'supervision facts refreshed');
      } finally {
        running = false;
      }
    },
  };
}
