import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../platform/logger.ts';
import type { AppContext } from '../platform/context.ts';
import type { IngestHook } from '../ingest/ingest-transactions.ts';
import type { ScoringEngine } from '../risk/engine/scoring-hook.ts';

export interface ApiVariables {
  requestId: string;
  log: Logger;
}

export type ApiEnv = { Variables: ApiVariables };
export type ApiApp = OpenAPIHono<ApiEnv>;

/** What the routes need from the running platform. */
export interface ApiDeps {
  readonly ctx: AppContext;
  readonly ingestHooks: readonly IngestHook[];
  readonly scoring: ScoringEngine;
}
