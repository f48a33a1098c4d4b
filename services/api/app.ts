import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { problemResponse } from './problem.ts';
import type { AppError } from '../platform/errors.ts';
import { registerDocs } from './routes/docs.tsx';
import { registerGetBlob } from './routes/get-blob.ts';
import { registerGetMetrics } from './routes/get-metrics.ts';
import { registerGetReference } from './routes/get-reference.ts';
import { registerGetRiskPoints } from './routes/get-risk-points.ts';
import { registerGetTransaction } from './routes/get-transaction.ts';
import { registerHealth } from './routes/health.ts';
import { registerPostBlob } from './routes/post-blob.ts';
import { registerPostTransactions } from './routes/post-transactions.ts';
import { registerPutReference } from './routes/put-reference.ts';
import { registerPutReferenceEntity } from './routes/put-reference-entity.ts';
import type { ApiApp, ApiDeps, ApiEnv } from './types.ts';
import { authenticate } from './middleware/authenticate.ts';
import { noStoreWhenAuthenticated } from './middleware/no-store.ts';
import { refuseNulInUrl } from './middleware/refuse-nul.ts';
import { AUTH_ROUTES, INVESTIGATION_ROUTES, PHOTO_REVIEW_ROUTES, REVIEW_ROUTES } from './route-list.ts';
import { httpMetrics } from '../supervision/index.ts';
import { registerWeb, wantsHtml, webError, webNotFound } from '../web/index.ts';

const ROUTES = [
  registerHealth, registerPostTransactions, registerGetTransaction, registerPostBlob, registerGetBlob,
  registerPutReference, registerGetReference, registerPutReferenceEntity, registerGetRiskPoints,
  ...AUTH_ROUTES, ...REVIEW_ROUTES, ...PHOTO_REVIEW_ROUTES, ...INVESTIGATION_ROUTES,
];

/** Database errors that mean "cannot reach PostgreSQL" rather than a bug. */
function isConnectionError(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''}`;
  // Query read timeout / timeout exceeded when trying to connect: pg's own words when a link goes silent.
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P01|57P03|08006|08001|Connection terminated|connection timeout|DatabaseNotReachable|P1001|P1017|Query read timeout|timeout exceeded when trying to connect/i.test(text);
}

export function createApi(deps: ApiDeps): ApiApp {
  const app: ApiApp = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const problems = result.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
      return problemResponse(c, { code: 'VALIDATION_FAILED', detail: '请求参数不合规 (request invalid)', problems });
    },
  });
  // First, so request latency covers every middleware and handler after it.
  app.use('*', httpMetrics());
  app.use('*', requestId());
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], styleSrc: ["'self'", "'unsafe-inline'"] }, xFrameOptions: 'DENY' }));
  app.use('*', noStoreWhenAuthenticated());
  app.use('*', refuseNulInUrl());
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('log', deps.ctx.logger.child({ reqId: c.get('requestId') }));
    await next();
    c.get('log').info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.use('/api/*', bodyLimit({
    maxSize: deps.ctx.env.BODY_LIMIT_MB * 1024 * 1024,
    onError: (c) => problemResponse(c, { code: 'PAYLOAD_TOO_LARGE', detail: `请求体超过 ${deps.ctx.env.BODY_LIMIT_MB} MB (body larger than ${deps.ctx.env.BODY_LIMIT_MB} MB)` }),
  }));
  // Every /api route below is guarded by requireAccess in its own file; this only says who is calling.
  app.use('/api/*', authenticate(deps));
  for (const register of ROUTES) register(app, deps);
  // Documented once for clients; each route's own guard is what actually enforces access.
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'cheguan_session', description: '登录会话 (POST /api/v1/auth/login); state-changing requests also send X-CSRF-Token' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer', description: 'API 令牌 (POST /api/v1/tokens), scopes ingest / read' });
  registerDocs(app);
  registerGetMetrics(app, deps);
  // The workbench pages and /assets/ (same origin, same CSP, same use cases as the API).
  registerWeb(app, deps);
  app.notFound((c) => wantsHtml(c) ? webNotFound(c) : problemResponse(c, { code: 'NOT_FOUND', detail: `没有 ${c.req.method} ${c.req.path} (no such endpoint)` }));
  app.onError((error, c) => {
    const problem = (e: AppError) => (wantsHtml(c) ? webError(c, e) : problemResponse(c, e));
    if (isConnectionError(error)) return problem({ code: 'DATABASE_UNAVAILABLE', detail: '数据库暂不可用，请稍后重试 (database unavailable, retry later)' });
    (c.get('log') ?? deps.ctx.logger).error({ err: error }, 'unhandled error');
    return problem({ code: 'INTERNAL', detail: '内部错误，已记录 (internal error, logged)' });
  });
  return app;
}
