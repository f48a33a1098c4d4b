import { serve, type ServerType } from '@hono/node-server';
import { createApi } from '../api/app.ts';
import { createMetricsApp } from '../api/routes/get-metrics.ts';
import { observeModelInference } from '../supervision/index.ts';
import { ensureFirstAdmin } from '../auth/users.ts';
import { createContext, type AppContext } from '../platform/context.ts';
import type { Env } from '../platform/env.ts';
import { createLogger } from '../platform/logger.ts';
import { seedDemoWorldIfWanted } from './demo-world.ts';
import type { ScoringEngine } from '../risk/engine/scoring-hook.ts';
import { createPhotoPipeline, type PhotoPipeline } from '../photos/pipeline/index.ts';
import { apiDeps, createScoring, ingestHooks, scheduledTasks, workerRegistrations } from './wiring.ts';

export interface RunningPlatform {
  readonly ctx: AppContext;
  readonly port: number | null;
  stop(): Promise<void>;
}

function listen(ctx: AppContext, scoring: ScoringEngine, photos: PhotoPipeline): Promise<{ server: ServerType; port: number }> {
  return serveApp(createApi(apiDeps(ctx, scoring, photos)).fetch, ctx.env.PORT, ctx.env.HOST);
}

function serveApp(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname }, (info) => resolve({ server, port: info.port }));
  });
}

/** Worker and scheduler processes have no API: with METRICS_PORT they answer /metrics alone, for Prometheus. */
function listenMetricsOnly(ctx: AppContext, scoring: ScoringEngine, photos: PhotoPipeline): Promise<{ server: ServerType; port: number }> | null {
  if (ctx.env.ROLES.includes('api') || ctx.env.METRICS_PORT === undefined) return null;
  return serveApp(createMetricsApp(apiDeps(ctx, scoring, photos)).fetch, ctx.env.METRICS_PORT, ctx.env.HOST);
}

function startScheduler(ctx: AppContext, scoring: ScoringEngine, photos: PhotoPipeline): () => void {
  const timers = scheduledTasks(ctx, scoring, photos).map((task) => setInterval(() => {
    task.run().catch((error: unknown) => ctx.logger.error({ err: error, task: task.name }, 'scheduled task failed'));
  }, task.everyMs));
  return () => timers.forEach(clearInterval);
}

/** Starts the roles named in ROLES (all by default) in this process. */
export async function startPlatform(env: Env): Promise<RunningPlatform> {
  const logger = createLogger(env.LOG_LEVEL);
  const ctx = await createContext(env, logger);
  const scoring = createScoring();
  const admin = await ensureFirstAdmin(ctx.db, env.ADMIN_USERNAME, env.ADMIN_PASSWORD);
  if (admin) logger.info({ username: admin.username }, '已创建首个管理员 first ADMIN created from ADMIN_USERNAME');
  const photos = createPhotoPipeline(ctx, scoring, observeModelInference);
  // A missing or corrupt model stops a worker at start, not at its first photo.
  if (env.ROLES.includes('worker')) await photos.verifyModels();
  if (env.ROLES.includes('worker')) for (const registration of workerRegistrations(ctx, photos)) registration.start();
  const stopScheduler = env.ROLES.includes('scheduler') ? startScheduler(ctx, scoring, photos) : () => undefined;
  if (env.ROLES.includes('scheduler')) await photos.requeuePending();
  const http = env.ROLES.includes('api') ? await listen(ctx, scoring, photos) : await listenMetricsOnly(ctx, scoring, photos);
  logger.info({ roles: env.ROLES, port: http?.port ?? null, database: ctx.db.kind, queue: ctx.queue.kind, dataDir: env.dataDir }, 'platform started');
  // The demo world (a first start's ten days, about 4 s) loads after readiness, like any other
  // ingestion: the platform serves meanwhile. A failure leaves a platform without demo data.
  const demoWorld = seedDemoWorldIfWanted(ctx, ingestHooks(scoring), [photos.afterCommit])
    .catch((error: unknown) => logger.error({ err: error }, '演示数据未载入 demo world not loaded'));
  return {
    ctx,
    port: http?.port ?? null,
    stop: async () => {
      // Readiness turns false first so a load balancer stops sending work, then in-flight work finishes.
      ctx.lifecycle.draining = true;
      stopScheduler();
      if (http) await new Promise<void>((resolve) => http.server.close(() => resolve()));
      // Not half a demo world: its marker is written last, so a stopped load would be loaded again.
      await demoWorld;
      await ctx.close();
      await photos.close();
      logger.info('platform stopped');
    },
  };
}
