import type { Database, Tx } from '../platform/db.ts';
import { USER_ROLES, type Principal, type UserRole } from './roles.ts';
import { newSecret, secretHash } from './secrets.ts';

export interface SessionPolicy {
  /** Absolute lifetime from sign-in. */
  readonly maxMs: number;
  /** Lifetime without a request. */
  readonly idleMs: number;
}

export interface NewSession {
  /** The cookie value: shown once, only its hash is stored. */
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(tx: Tx, userId: bigint, policy: SessionPolicy, meta: { ip: string | null; userAgent: string | null }, now = new Date()): Promise<NewSession> {
  const id = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + policy.maxMs);
  await tx.userSession.create({
    data: { idHash: secretHash(id), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  });
  return { id, csrfToken, expiresAt };
}

/**
 * The signed-in user behind a session cookie, or null when the session is unknown, revoked,
 * past its absolute expiry or idle for too long, or its user was deactivated. Roles are read
 * fresh at every request, so a role taken away takes effect at once.
 */
export async function resolveSession(db: Database, id: string, policy: SessionPolicy, now = new Date()): Promise<Principal | null> {
  const idHash = secretHash(id);
  const session = await db.prisma.userSession.findUnique({ where: { idHash } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > policy.idleMs) return null;
  const user = await db.prisma.user.findUnique({ where: { id: session.userId } });
  if (!user || !user.active) return null;
  // Touch at most once a minute: a page firing ten requests need not write ten times.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.prisma.userSession.update({ where: { idHash }, data: { lastSeenAt: now } });
  }
  return {
    kind: 'user', userId: user.id, username: user.username, displayName: user.displayName,
    roles: user.roles.filter((r): r is UserRole => (USER_ROLES as readonly string[]).includes(r)),
    handlerId: user.handlerId, csrfToken: session.csrfToken, sessionHash: idHash,
  };
}

export async function revokeSession(db: Database, sessionHash: string, now = new Date()): Promise<void> {
  await db.prisma.userSession.updateMany({ where: { idHash: sessionHash, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user (deactivated, password or roles changed). */
export async function revokeUserSessions(db: Pick<Database['prisma'], 'userSession'>, userId: bigint, now = new Date()): Promise<void> {
  await db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
