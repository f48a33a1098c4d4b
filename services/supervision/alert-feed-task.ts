import type { AppContext } from '../platform/context.ts';
import { postAlertAnnotations } from './alert-feed.ts';
import { createGrafanaClient } from './grafana-client.ts';

export interface ScheduledTask {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<void>;
}

/**
 * The alert feed on the scheduler role, when GRAFANA_URL is set. Runs never overlap (a slow
 * Grafana could otherwise have two runs post the same alert); a run that fails leaves the cursor
 * where it was and logs once, and the next tick tries again.
 */
export function alertFeedTask(ctx: AppContext, everyMs = 15_000): ScheduledTask | null {
  const url = ctx.env.GRAFANA_URL;
  if (!url) return null;
  const client = createGrafanaClient({ url, token: ctx.env.GRAFANA_TOKEN, timeoutMs: 5_000, retries: 2 });
  let running = false;
  return {
    name: 'grafana alert feed',
    everyMs,
    run: async () => {
      if (running) return;
      running = true;
      try {
        const run = await postAlertAnnotations({ db: ctx.db, client, workbenchUrl: ctx.env.WORKBENCH_URL });
        if (run.posted > 0) ctx.logger.info({ posted: run.posted, cursor: run.cursor }, 'alert annotations posted to Grafana');
        if (run.failure) ctx.logger.warn({ failure: run.failure, cursor: run.cursor }, 'Grafana unavailable; alert feed will retry');
      } finally {
        running = false;
      }
    },
  };
}
