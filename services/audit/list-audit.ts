import { z } from 'zod';
import type { Database, Prisma } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';

export const listAuditQuery = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries with seq below this (the previous page's last seq): keyset paging, stable while entries are appended. */
  before: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface AuditEntryView {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly data: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** The audit trail, newest first, filtered; `nextBefore` fetches the next page. */
export async function listAudit(db: Database, input: unknown): Promise<Result<{ items: AuditEntryView[]; nextBefore: string | null }>> {
  const parsed = listAuditQuery.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '筛选条件不合规 (invalid filter)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const q = parsed.data;
  const where: Prisma.AuditEntryWhereInput = {
    ...(q.actor ? { actor: q.actor } : {}), ...(q.action ? { action: q.action } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}), ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } } : {}),
    ...(q.before ? { seq: { lt: BigInt(q.before) } } : {}),
  };
  const rows = await db.prisma.auditEntry.findMany({ where, orderBy: { seq: 'desc' }, take: q.limit });
  const items = rows.map((e) => ({
    seq: e.seq.toString(), at: e.at.toISOString(), actor: e.actor, action: e.action, entityType: e.entityType, entityId: e.entityId, data: e.data, prevHash: e.prevHash, hash: e.hash,
  }));
  return ok({ items, nextBefore: rows.length === q.limit ? items[items.length - 1]!.seq : null });
}
