/** The few figures the home page shows each role: what is waiting for them. */
import type { Database } from '../../../platform/db.ts';
import { listPhotoQueue, photoQueueQuery } from '../../../review/photo-queue/index.ts';
import { sameUser } from '../../../risk/rule-sets/actor.ts';
import { holdsAny, type SignedIn } from '../../http/types.ts';

export interface Figure {
  readonly label: string;
  readonly value: number;
  readonly href: string;
  /** Shown as a warning when above zero (past a deadline). */
  readonly urgent?: boolean;
}

async function supervisorFigures(db: Database, user: SignedIn, now: Date): Promise<Figure[]> {
  const open = { status: { not: 'CLOSED' } };
  const [openAlerts, breached, mine, spotChecks] = await Promise.all([
    db.prisma.alert.count({ where: open }),
    db.prisma.alert.count({ where: { ...open, slaDueAt: { lt: now } } }),
    db.prisma.alert.count({ where: { ...open, assigneeIds: { has: user.userId }, decisions: { none: { userId: user.userId } } } }),
    db.prisma.spotCheckItem.count({ where: { assigneeId: user.userId, status: 'PENDING' } }),
  ]);
  return [
    { label: '未结告警', value: openAlerts, href: '/alerts' },
    { label: '已超时未结', value: breached, href: '/alerts?sla=BREACHED', urgent: true },
    { label: '指派给我、待我决定', value: mine, href: '/alerts?mine=1' },
    { label: '分配给我的抽查', value: spotChecks, href: '/admin/spot-checks' },
  ];
}

export async function homeFigures(db: Database, user: SignedIn, now = new Date()): Promise<Figure[]> {
  const parts: Array<Promise<Figure[]>> = [];
  if (holdsAny(user, ['SUPERVISOR', 'SENIOR_SUPERVISOR'])) parts.push(supervisorFigures(db, user, now));
  if (holdsAny(user, ['REVIEWER'])) {
    parts.push(listPhotoQueue(db, photoQueueQuery.parse({ limit: 1 }), now).then((q) => [
      { label: '待审核照片', value: q.counts.waiting, href: '/photos' }, { label: '照片审核已超时', value: q.counts.breached, href: '/photos', urgent: true },
    ]));
  }
  if (holdsAny(user, ['ADMIN'])) {
    // Maker-checker: an admin's own rule set is not waiting for them.
    parts.push(db.prisma.ruleSet.findMany({ where: { status: 'PENDING_APPROVAL' }, select: { createdBy: true } })
      .then((rows) => [{ label: '待我审批的规则集', value: rows.filter((r) => !sameUser(user.username, r.createdBy)).length, href: '/admin/rule-sets' }]));
  }
  return (await Promise.all(parts)).flat();
}
