import type { Database, Tx } from '../platform/db.ts';
import type { Transaction } from './schema/index.ts';
import { fail, ok, type Result } from '../platform/errors.ts';

export interface TransactionView {
  readonly transaction: Record<string, unknown>;
  readonly revisions: Array<{ version: number; status: string; receivedAt: string; payloadSha256: string; payload: Record<string, unknown> }>;
}

/** The current version of a transaction (as received, photos by sha256) and all its versions. */
export async function getTransaction(db: Database, id: string): Promise<Result<TransactionView>> {
  const row = await db.prisma.transaction.findUnique({
    where: { id },
    select: { version: true, revisions: { orderBy: { version: 'asc' } } },
  });
  if (!row) return fail('NOT_FOUND', `没有业务流水 ${id} (no transaction ${id})`);
  return ok({
    transaction: (row.revisions.find((r) => r.version === row.version)?.payload ?? {}) as Record<string, unknown>,
    revisions: row.revisions.map((r) => ({
      version: r.version, status: r.status, receivedAt: r.receivedAt.toISOString(), payloadSha256: r.payloadSha256,
      payload: r.payload as Record<string, unknown>,
    })),
  });
}

/** The current version's document of each transaction id (as stored: photos by sha256). */
export async function currentPayloads(tx: Tx, ids: readonly string[]): Promise<Map<string, Transaction>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; payload: Transaction }>>(
    `SELECT t.id, r.payload FROM "transaction" t JOIN transaction_revision r ON r.transaction_id = t.id AND r.version = t.version
     WHERE t.id = ANY($1::text[])`, [...ids],
  );
  return new Map(rows.map((r) => [r.id, r.payload]));
}
