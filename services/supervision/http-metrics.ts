import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { observeHttpRequest } from './metrics.ts';

/** Label for requests no route answered: raw paths would make one series per scanner probe. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Request latency by method, route *pattern* (`/api/v1/alerts/:id`, never the raw path, so the
 * number of series stays bounded) and status. Mounted first, so it times everything after it.
 */
export function httpMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const pattern = routePath(c, c.req.routeIndex);
    const route = status === 404 && pattern.endsWith('*') ? UNMATCHED_ROUTE : pattern;
    observeHttpRequest(c.req.method, route, status, (performance.now() - started) / 1000);
  };
}
