import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../platform/errors.ts';

/** Loopback, RFC 1918, link-local and IPv6 unique-local addresses: a scraper on the same host or network. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

export function isPrivateAddress(address: string | null): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  if (isIPv4(ip)) return PRIVATE.check(ip, 'ipv4');
  return isIPv6(ip) && PRIVATE.check(ip, 'ipv6');
}

function sameSecret(given: string, expected: string): boolean {
  // Digests have equal length, so the comparison time says nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface MetricsRequest {
  /** METRICS_TOKEN; undefined when not configured. */
  readonly token: string | undefined;
  readonly authorization: string | undefined;
  readonly clientAddress: string | null;
}

/**
 * With METRICS_TOKEN set, only `Authorization: Bearer <token>` is answered (401 without it, 403
 * with a wrong one). Without it, only scrapers on a loopback or private address are: the metrics
 * name routes and volumes, nothing personal, but they are still nobody else's business.
 */
export function checkMetricsAccess(request: MetricsRequest): Result<void> {
  if (request.token !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '');
    if (!match) return fail('UNAUTHENTICATED', '需要指标令牌 (send Authorization: Bearer <METRICS_TOKEN>)');
    if (!sameSecret(match[1]!, request.token)) return fail('FORBIDDEN', '指标令牌不正确 (wrong metrics token)');
    return ok(undefined);
  }
  if (isPrivateAddress(request.clientAddress)) return ok(undefined);
  return fail('FORBIDDEN', '指标仅对本机或内网地址开放，或配置 METRICS_TOKEN (metrics are served to loopback/private addresses only unless METRICS_TOKEN is set)');
}
