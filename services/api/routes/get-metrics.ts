import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { clientIp } from '../middleware/request-meta.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps, ApiEnv } from '../types.ts';
import { checkMetricsAccess, METRICS_CONTENT_TYPE, monitoredQueues, renderMetrics } from '../../supervision/index.ts';

/**
 * GET /metrics — Prometheus text format. Operational, like /healthz, and guarded by its own rule
 * (METRICS_TOKEN, or a loopback/private client address) rather than by user roles, so it is not
 * part of the OpenAPI document of the business API.
 */
export function registerGetMetrics(app: ApiApp, { ctx }: ApiDeps): void {
  app.get('/metrics', async (c) => {
    const access = checkMetricsAccess({
      token: ctx.env.METRICS_TOKEN,
      authorization: c.req.header('authorization'),
      clientAddress: clientIp(c, ctx.env.TRUST_PROXY),
    });
    if (!access.ok) return problemResponse(c, access.error);
    const body = await renderMetrics({ db: ctx.db, queue: ctx.queue, queues: monitoredQueues() });
    return c.body(body, 200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
  });
}

/**
 * /metrics alone, for processes without the api role (worker, scheduler: per-model inference
 * time and their own process health are only in their registry). Served on METRICS_PORT.
 */
export function createMetricsApp(deps: ApiDeps): ApiApp {
  const app: ApiApp = new OpenAPIHono<ApiEnv>();
  app.use('*', requestId());
  registerGetMetrics(app, deps);
  app.notFound((c) => problemResponse(c, { code: 'NOT_FOUND', detail: `只提供 /metrics (only /metrics here)` }));
  return app;
}
