import type { Context } from 'hono';
import type { ApiEnv } from '../types.ts';

export const SESSION_COOKIE = 'cheguan_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** HTTPS directly, or behind a proxy that says so: the session cookie then gets Secure. */
export function isHttps(c: Context<ApiEnv>): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

/**
 * The client address for throttling. X-Forwarded-For is trusted only with TRUST_PROXY, since
 * otherwise any caller could pick a fresh address per attempt and escape the per-address limit.
 */
export function clientIp(c: Context<ApiEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
