import { hashPassword } from '../auth/passwords.ts';
import { createUser } from '../auth/users.ts';
import type { UserRole } from '../auth/roles.ts';
import type { Database } from '../platform/db.ts';

/** The demo password of every demo user (README): for the embedded demo only, never for real data. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** One demo user per role (two supervisors, so a dual review can be shown), flagged demo=true. */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; roles: UserRole[] }> = [
  { username: 'demo-admin', displayName: '演示管理员', roles: ['ADMIN'] },
  { username: 'demo-admin2', displayName: '演示管理员二 (规则集审批)', roles: ['ADMIN'] },
  { username: 'demo-reviewer', displayName: '演示远程审核员', roles: ['REVIEWER'] },
  { username: 'demo-supervisor', displayName: '演示监管民警一', roles: ['SUPERVISOR'] },
  { username: 'demo-supervisor2', displayName: '演示监管民警二', roles: ['SUPERVISOR'] },
  { username: 'demo-senior', displayName: '演示科所队领导', roles: ['SENIOR_SUPERVISOR'] },
  { username: 'demo-investigator', displayName: '演示纪检督察', roles: ['INVESTIGATOR'] },
  { username: 'demo-auditor', displayName: '演示审计', roles: ['AUDITOR'] },
];

/** Creates the demo users that do not exist yet (audited like any user creation, actor `demo`). */
export async function seedDemoUsers(db: Database): Promise<number> {
  let created = 0;
  // One scrypt hash for all: they share the published demo password anyway, and a first start
  // should not spend a second of CPU hashing it eight times.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    if (await db.prisma.user.findUnique({ where: { username: user.username }, select: { id: true } })) continue;
    const result = await createUser(db, 'demo', { ...user, password: DEMO_PASSWORD }, { demo: true, passwordHash });
    if (!result.ok) throw new Error(`demo user ${user.username} refused: ${result.error.detail}`);
    created += 1;
  }
  return created;
}
