import type { Database } from '../platform/db.ts';

export interface ThrottlePolicy {
  /** Failures before each further attempt must wait 1 s, 2 s, 4 s … */
  readonly delayAfter: number;
  /** Failures before the key is locked for `lockMs`. */
  readonly lockAfter: number;
  readonly lockMs: number;
}

export interface ThrottleVerdict {
  readonly allowed: boolean;
  readonly locked: boolean;
  readonly retryAfterSeconds: number;
}

const MAX_DELAY_MS = 5 * 60_000;

/** Keys a sign-in is counted under: the user name (case-folded) and the client address. */
export function throttleKeys(username: string, ip: string | null): string[] {
  return [`user:${username.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** Whether a sign-in may be tried now: no key locked, and none within its back-off delay. */
export async function checkThrottle(db: Database, keys: readonly string[], policy: ThrottlePolicy, now = new Date()): Promise<ThrottleVerdict> {
  const rows = await db.prisma.loginThrottle.findMany({ where: { key: { in: [...keys] } } });
  let waitMs = 0;
  let locked = false;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      locked = true;
      waitMs = Math.max(waitMs, row.lockedUntil.getTime() - now.getTime());
      continue;
    }
    if (row.failures < policy.delayAfter || !row.lastFailureAt) continue;
    const delay = Math.min(1000 * 2 ** (row.failures - policy.delayAfter), MAX_DELAY_MS);
    const until = row.lastFailureAt.getTime() + delay;
    if (until > now.getTime()) waitMs = Math.max(waitMs, until - now.getTime());
  }
  return { allowed: waitMs === 0, locked, retryAfterSeconds: Math.ceil(waitMs / 1000) };
}

/**
 * Counts one failure under each key, atomically. A key quiet for longer than the lock period
 * starts again from one, so a typo last week does not shorten today's allowance.
 */
export async function recordFailure(db: Database, keys: readonly string[], policy: ThrottlePolicy, now = new Date()): Promise<void> {
  const decayBefore = new Date(now.getTime() - policy.lockMs);
  const lockedUntil = new Date(now.getTime() + policy.lockMs);
  for (const key of keys) {
    await db.prisma.$executeRaw`
      INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.last_failure_at < ${decayBefore} AND (login_throttle.locked_until IS NULL OR login_throttle.locked_until < ${now})
                        THEN 1 ELSE login_throttle.failures + 1 END,
        last_failure_at = ${now}`;
    await db.prisma.$executeRaw`
      UPDATE login_throttle SET locked_until = ${lockedUntil}
      WHERE key = ${key} AND failures >= ${policy.lockAfter} AND (locked_until IS NULL OR locked_until < ${now})`;
  }
}

/** A successful sign-in clears the user's count (not the address's: a valid account must not reset it). */
export async function clearFailures(db: Database, username: string): Promise<void> {
  await db.prisma.loginThrottle.deleteMany({ where: { key: `user:${username.trim().toLowerCase()}` } });
}
