import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database, Prisma } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { formatIssues } from '../ingest/schema/problems.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { USER_ROLES } from './roles.ts';
import { revokeUserSessions } from './sessions.ts';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: string[];
  readonly handlerId: string | null;
  readonly active: boolean;
  readonly demo: boolean;
  readonly createdAt: string;
}

const password = z.string().refine((p) => passwordProblem(p) === null, { message: '密码至少 12 个字符 (at least 12 characters)' });
const roles = z.array(z.enum(USER_ROLES)).max(USER_ROLES.length).transform((r) => [...new Set(r)]);

export const createUserInput = z.strictObject({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{2,64}$/, '用户名须为 2–64 位字母、数字或 ._- (2–64 letters, digits, . _ -)'),
  displayName: z.string().trim().min(1).max(100),
  password,
  roles,
  handlerId: z.string().trim().min(1).max(64).nullable().optional(),
});

export const updateUserInput = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  password: password.optional(),
  roles: roles.optional(),
  handlerId: z.string().trim().min(1).max(64).nullable().optional(),
  active: z.boolean().optional(),
});

type UserRow = Prisma.UserGetPayload<object>;

export function userView(u: UserRow): UserView {
  return { id: u.id.toString(), username: u.username, displayName: u.displayName, roles: u.roles, handlerId: u.handlerId, active: u.active, demo: u.demo, createdAt: u.createdAt.toISOString() };
}

export async function listUsers(db: Database): Promise<UserView[]> {
  return (await db.prisma.user.findMany({ orderBy: { id: 'asc' } })).map(userView);
}

/** Creates a user (audited, the password never in the audit data). */
export async function createUser(db: Database, actor: string, input: unknown, extra: { demo?: boolean; passwordHash?: string } = {}): Promise<Result<UserView>> {
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '用户数据不合规 (invalid user)', { problems: formatIssues(parsed.error) });
  const { password: plain, ...rest } = parsed.data;
  const passwordHash = extra.passwordHash ?? (await hashPassword(plain));
  return db.prisma.$transaction(async (tx) => {
    if (await tx.user.findFirst({ where: { username: { equals: rest.username, mode: 'insensitive' } }, select: { id: true } })) {
      return fail<UserView>('CONFLICT', `用户名 ${rest.username} 已存在 (user name taken)`);
    }
    const row = await tx.user.create({ data: { ...rest, handlerId: rest.handlerId ?? null, passwordHash, demo: extra.demo ?? false } });
    await appendAudit(tx, [{ actor, action: 'user.created', entityType: 'user', entityId: row.id.toString(), data: { username: row.username, roles: row.roles, handlerId: row.handlerId, demo: row.demo } }]);
    return ok(userView(row));
  });
}

/** Changes a user; a change of password, roles or activity ends the user's sessions. */
export async function updateUser(db: Database, actor: string, id: bigint, input: unknown): Promise<Result<UserView>> {
  const parsed = updateUserInput.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '用户数据不合规 (invalid user)', { problems: formatIssues(parsed.error) });
  const { password: plain, ...rest } = parsed.data;
  const passwordHash = plain ? await hashPassword(plain) : undefined;
  return db.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) return fail<UserView>('NOT_FOUND', `没有用户 ${id} (no such user)`);
    const row = await tx.user.update({ where: { id }, data: { ...rest, ...(passwordHash ? { passwordHash } : {}) } });
    if (passwordHash || rest.roles || rest.active === false) await revokeUserSessions(tx, id);
    const changed = Object.keys(rest).concat(passwordHash ? ['password'] : []);
    await appendAudit(tx, [{ actor, action: 'user.updated', entityType: 'user', entityId: id.toString(), data: { changed, roles: row.roles, handlerId: row.handlerId, active: row.active } }]);
    return ok(userView(row));
  });
}

/**
 * The first ADMIN, from ADMIN_USERNAME / ADMIN_PASSWORD, created only when no active ADMIN
 * exists: the variables can stay set without re-creating or resetting anyone later.
 */
export async function ensureFirstAdmin(db: Database, username: string | undefined, plain: string | undefined): Promise<UserView | null> {
  if (!username || !plain) return null;
  if (await db.prisma.user.findFirst({ where: { roles: { has: 'ADMIN' }, active: true }, select: { id: true } })) return null;
  const created = await createUser(db, 'system', { username, displayName: '系统管理员', password: plain, roles: ['ADMIN'] });
  if (!created.ok) throw new Error(`ADMIN_USERNAME/ADMIN_PASSWORD: ${created.error.detail} ${JSON.stringify(created.error.problems ?? [])}`);
  return created.value;
}
