import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, ApiDeps } from '../types.ts';
import { problemResponse } from '../problem.ts';

const liveness = createRoute({
  method: 'get', path: '/healthz', tags: ['health'], summary: '存活检查 Liveness',
  responses: { 200: { description: 'process is alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const readiness = createRoute({
  method: 'get', path: '/readyz', tags: ['health'], summary: '就绪检查 Readiness (database reachable, not shutting down)',
  responses: {
    200: { description: 'ready', content: { 'application/json': { schema: z.object({ status: z.literal('ready'), database: z.string(), queue: z.string() }) } } },
    503: { description: 'not ready (problem+json)' },
  },
});

export function registerHealth(app: ApiApp, { ctx }: ApiDeps): void {
  app.openapi(liveness, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readiness, async (c) => {
    if (ctx.lifecycle.draining) return problemResponse(c, { code: 'NOT_READY', detail: '正在停止 (shutting down)' });
    if (!(await ctx.db.ping())) return problemResponse(c, { code: 'DATABASE_UNAVAILABLE', detail: '数据库无法连接 (database unreachable)' });
    return c.json({ status: 'ready' as const, database: ctx.db.kind, queue: ctx.queue.kind }, 200);
  });
}
