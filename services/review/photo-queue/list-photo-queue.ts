/**
 * The photo review queue: photos the models sent to people (verdict REVIEW, no decision yet),
 * most urgent first. SLA states follow the alert rules (near breach in the last 20 % of the window).
 */
import { z } from 'zod';
import type { Database } from '../../platform/db.ts';
import { NEAR_BREACH_SHARE, slaState, type SlaState } from '../sla.ts';

export const photoQueueQuery = z.object({
  station: z.string().min(1).max(64).optional(),
  type: z.string().min(1).max(32).optional(),
  kind: z.string().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type PhotoQueueQuery = z.infer<typeof photoQueueQuery>;

export interface QueuedPhoto {
  readonly photoId: string;
  readonly transactionId: string;
  readonly position: number;
  readonly kind: string;
  readonly stationCode: string;
  readonly type: string;
  readonly reasons: string[];
  readonly queuedAt: string;
  readonly dueAt: string;
  readonly slaState: SlaState;
}

export interface PhotoQueue {
  readonly items: QueuedPhoto[];
  readonly counts: { readonly waiting: number; readonly nearBreach: number; readonly breached: number };
}

interface Row {
  photo_id: bigint; transaction_id: string; position: number; kind: string; station_code: string; type: string;
  reasons: string[]; created_at: Date; review_due_at: Date;
}

export async function listPhotoQueue(db: Database, query: PhotoQueueQuery, now = new Date()): Promise<PhotoQueue> {
  const filters = ['f.verdict = \'REVIEW\'', 'r.photo_id IS NULL'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => { params.push(value); filters.push(sql.replace('?', `$${params.length}`)); };
  if (query.station) add('t.station_code = ?', query.station);
  if (query.type) add('t.type = ?', query.type);
  if (query.kind) add('p.kind = ?', query.kind);
  const from = `FROM photo_finding f JOIN photo p ON p.id = f.photo_id JOIN "transaction" t ON t.id = f.transaction_id
    LEFT JOIN photo_review r ON r.photo_id = f.photo_id WHERE ${filters.join(' AND ')}`;
  const rows = await db.prisma.$queryRawUnsafe<Row[]>(
    `SELECT f.photo_id, f.transaction_id, p.position, p.kind, t.station_code, t.type, f.reasons, f.created_at, f.review_due_at
     ${from} ORDER BY f.review_due_at, f.photo_id LIMIT ${query.limit}`, ...params,
  );
  const nowParam = `$${params.length + 1}::timestamptz`;
  const nearFrom = `f.review_due_at - (f.review_due_at - f.created_at) * ${NEAR_BREACH_SHARE}`;
  const [counts] = await db.prisma.$queryRawUnsafe<Array<{ waiting: bigint; near: bigint; breached: bigint }>>(
    `SELECT count(*) AS waiting,
            count(*) FILTER (WHERE ${nowParam} <= f.review_due_at AND ${nowParam} >= ${nearFrom}) AS near,
            count(*) FILTER (WHERE ${nowParam} > f.review_due_at) AS breached ${from}`, ...params, now.toISOString(),
  );
  return {
    items: rows.map((r) => ({
      photoId: BigInt(r.photo_id).toString(), transactionId: r.transaction_id, position: r.position, kind: r.kind,
      stationCode: r.station_code, type: r.type, reasons: r.reasons, queuedAt: new Date(r.created_at).toISOString(),
      dueAt: new Date(r.review_due_at).toISOString(),
      slaState: slaState({ createdAt: new Date(r.created_at), slaDueAt: new Date(r.review_due_at), closedAt: null }, now),
    })),
    counts: { waiting: Number(counts?.waiting ?? 0), nearBreach: Number(counts?.near ?? 0), breached: Number(counts?.breached ?? 0) },
  };
}
