import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';

export interface TransactionView {
  readonly transaction: Record<string, unknown>;
  readonly revisions: Array<{ version: number; status: string; receivedAt: string; payloadSha256: string; payload: Record<string, unknown> }>;
}

/** The current version of a transaction (as received, photos by sha256) and all its versions. */
export async function getTransaction(db: Database, id: string): Promise<Result<TransactionView>> {
  const row = await db.prisma.transaction.findUnique({
    where: { id },
    select: { payload: true, revisions: { orderBy: { version: 'asc' } } },
  });
  if (!row) return fail('NOT_FOUND', `没有业务流水 ${id} (no transaction ${id})`);
  return ok({
    transaction: row.payload as Record<string, unknown>,
    revisions: row.revisions.map((r) => ({
      version: r.version, status: r.status, receivedAt: r.receivedAt.toISOString(), payloadSha256: r.payloadSha256,
      payload: r.payload as Record<string, unknown>,
    })),
  });
}
