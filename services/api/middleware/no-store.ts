import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ApiEnv } from '../types.ts';
import { SESSION_COOKIE } from './request-meta.ts';

/**
 * Answers to a caller who sent credentials (session cookie or bearer token) hold personal data or
 * depend on who asked: no browser or proxy may keep them (shared workstations in the office).
 * This overrides a route's own caching, photos included; only a route that declares its answer
 * `public` (the workbench's versioned static assets, the same for everyone) keeps its own.
 */
export function noStoreWhenAuthenticated(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const credentials = c.req.header('authorization') !== undefined || getCookie(c, SESSION_COOKIE) !== undefined;
    if (!credentials || /\bpublic\b/i.test(c.res.headers.get('cache-control') ?? '')) return;
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
