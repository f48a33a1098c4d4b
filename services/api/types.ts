import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../auth/roles.ts';
import type { Logger } from '../platform/logger.ts';
import type { AppContext } from '../platform/context.ts';
import type { AfterCommit, IngestHook } from '../ingest/ingest-transactions.ts';
import type { ScoringEngine } from '../risk/engine/scoring-hook.ts';

export interface ApiVariables {
  requestId: string;
  log: Logger;
  /** Who is calling (session cookie or bearer token); null when anonymous. */
  principal: Principal | null;
}

export type ApiEnv = { Variables: ApiVariables };
export type ApiApp = OpenAPIHono<ApiEnv>;

/** What the routes need from the running platform. */
export interface ApiDeps {
  readonly ctx: AppContext;
  readonly ingestHooks: readonly IngestHook[];
  /** Run after an ingestion commits (queueing photo checks). */
  readonly afterIngest?: readonly AfterCommit[];
  readonly scoring: ScoringEngine;
}
