import type { ApiDeps } from '../api/types.ts';
import type { IngestHook } from '../ingest/ingest-transactions.ts';
import type { AppContext } from '../platform/context.ts';

/**
 * The composition root: which capability hooks into which. Ingestion knows nothing of the
 * risk engine; the engine registers here to score transactions inside the ingest transaction.
 */
export function ingestHooks(_ctx: AppContext): IngestHook[] {
  return [];
}

export function apiDeps(ctx: AppContext): ApiDeps {
  return { ctx, ingestHooks: ingestHooks(ctx) };
}

/** Queue consumers of the worker role: [queue name, start function]. Capabilities add theirs here. */
export function workerRegistrations(_ctx: AppContext): Array<{ queue: string; start: () => void }> {
  return [];
}

/** Periodic tasks of the scheduler role (e.g. the R25 tolerance sweep). */
export function scheduledTasks(_ctx: AppContext): Array<{ name: string; everyMs: number; run: () => Promise<void> }> {
  return [];
}
