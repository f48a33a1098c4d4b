import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { createSession, type NewSession, type SessionPolicy } from './sessions.ts';
import { checkThrottle, clearFailures, recordFailure, throttleKeys, type ThrottlePolicy } from './throttle.ts';

export const loginInput = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(256),
});

export interface LoginPolicy {
  readonly session: SessionPolicy;
  readonly throttle: ThrottlePolicy;
}

export interface LoginMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface LoginSuccess extends NewSession {
  readonly user: { id: string; username: string; displayName: string; roles: string[]; handlerId: string | null };
}

const BAD_CREDENTIALS = '用户名或密码错误 (wrong user name or password)';

/**
 * Password sign-in. Throttled per user name and per client address before the password is even
 * checked; unknown users cost the same scrypt work as known ones; every outcome is audited (the
 * password never is — it is not in the audit data nor in any log line).
 */
export async function login(db: Database, input: z.infer<typeof loginInput>, policy: LoginPolicy, meta: LoginMeta, now = new Date()): Promise<Result<LoginSuccess>> {
  const keys = throttleKeys(input.username, meta.ip);
  const verdict = await checkThrottle(db, keys, policy.throttle, now);
  if (!verdict.allowed) {
    await audit(db, input.username, 'auth.login_throttled', { ip: meta.ip, locked: verdict.locked }, now);
    const detail = verdict.locked ? `登录已锁定，请 ${Math.ceil(verdict.retryAfterSeconds / 60)} 分钟后再试 (sign-in locked)` : `尝试过于频繁，请 ${verdict.retryAfterSeconds} 秒后再试 (too many attempts)`;
    return fail('LOGIN_THROTTLED', detail, { extensions: { retryAfterSeconds: verdict.retryAfterSeconds, locked: verdict.locked } });
  }
  const user = await db.prisma.user.findUnique({ where: { username: input.username } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !valid || !user.active) {
    await recordFailure(db, keys, policy.throttle, now);
    await audit(db, input.username, 'auth.login_failed', { ip: meta.ip, reason: !user ? 'UNKNOWN_USER' : !valid ? 'WRONG_PASSWORD' : 'INACTIVE' }, now);
    return fail('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  await clearFailures(db, user.username);
  const session = await db.prisma.$transaction(async (tx) => {
    const created = await createSession(tx, user.id, policy.session, meta, now);
    await appendAudit(tx, [{ actor: user.username, action: 'auth.login', entityType: 'user', entityId: user.id.toString(), data: { ip: meta.ip } }], now);
    return created;
  });
  return ok({ ...session, user: { id: user.id.toString(), username: user.username, displayName: user.displayName, roles: user.roles, handlerId: user.handlerId } });
}

async function audit(db: Database, actor: string, action: string, data: Record<string, unknown>, now: Date): Promise<void> {
  await db.prisma.$transaction((tx) => appendAudit(tx, [{ actor: actor.slice(0, 100), action, entityType: 'user', entityId: actor.slice(0, 100), data }], now));
}
