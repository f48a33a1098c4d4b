import { z } from 'zod';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { slaSql, slaState, SLA_STATES, type SlaState } from './sla.ts';

export const ALERT_STATUSES = ['OPEN', 'ASSIGNED', 'FIRST_DECIDED', 'ESCALATED', 'CLOSED'] as const;

export const listAlertsQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(['HIGH', 'MEDIUM', 'LOW']).optional(),
  riskPoint: z.string().regex(/^R\d{2}$/).optional(),
  station: z.string().min(1).max(64).optional(),
  type: z.string().min(1).max(32).optional(),
  slaState: z.enum(SLA_STATES).optional(),
  assignee: z.string().regex(/^\d{1,18}$/).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListAlertsQuery = z.infer<typeof listAlertsQuery>;

export interface AlertSummary {
  readonly id: string;
  readonly transactionId: string;
  readonly type: string;
  readonly stationCode: string;
  readonly status: string;
  readonly severity: string;
  readonly score: number;
  readonly dualReview: boolean;
  readonly riskPoints: string[];
  readonly createdAt: string;
  readonly slaDueAt: string;
  readonly slaState: SlaState;
  readonly assigneeIds: string[];
}

export interface AlertPage {
  readonly items: AlertSummary[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

interface Row { id: bigint; transaction_id: string; type: string; station_code: string; status: string; severity: string; score: number; dual_review: boolean; created_at: Date; sla_due_at: Date; closed_at: Date | null; assignee_ids: bigint[]; points: string[] | null }

/** The alert inbox, SLA-urgent first. Lists carry no personal data, so nothing needs masking here. */
export async function listAlerts(db: Database, input: unknown, now = new Date()): Promise<Result<AlertPage>> {
  const parsed = listAlertsQuery.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '筛选条件不合规 (invalid filter)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const q = parsed.data;
  const params: unknown[] = [now];
  // $1 is always referenced, so PostgreSQL can type it even when no SLA filter uses it.
  const where: string[] = ['$1::timestamptz IS NOT NULL'];
  const add = (sql: (p: string) => string, value: unknown) => { params.push(value); where.push(sql(`$${params.length}`)); };
  if (q.status) add((p) => `a.status = ${p}`, q.status);
  if (q.severity) add((p) => `a.severity = ${p}`, q.severity);
  if (q.station) add((p) => `t.station_code = ${p}`, q.station);
  if (q.type) add((p) => `t.type = ${p}`, q.type);
  if (q.assignee) add((p) => `${p}::bigint = ANY(a.assignee_ids)`, q.assignee);
  if (q.riskPoint) add((p) => `EXISTS (SELECT 1 FROM risk_hit h WHERE h.assessment_id = a.assessment_id AND h.risk_point = ${p})`, q.riskPoint);
  if (q.slaState) where.push(slaSql(q.slaState, '$1::timestamptz'));
  const from = `FROM alert a JOIN "transaction" t ON t.id = a.transaction_id WHERE ${where.join(' AND ')}`;
  const [{ n }] = await db.prisma.$queryRawUnsafe<[{ n: bigint }]>(`SELECT count(*) AS n ${from}`, ...params);
  const rows = await db.prisma.$queryRawUnsafe<Row[]>(
    `SELECT a.id, a.transaction_id, t.type, t.station_code, a.status, a.severity, a.score, a.dual_review, a.created_at, a.sla_due_at, a.closed_at, a.assignee_ids,
       (SELECT array_agg(h.risk_point ORDER BY h.weight DESC) FROM risk_hit h WHERE h.assessment_id = a.assessment_id) AS points
     ${from} ORDER BY (a.status = 'CLOSED'), a.sla_due_at, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, ...params,
  );
  return ok({
    page: q.page, pageSize: q.pageSize, total: Number(n),
    items: rows.map((r) => ({
      id: String(r.id), transactionId: r.transaction_id, type: r.type, stationCode: r.station_code, status: r.status, severity: r.severity,
      score: r.score, dualReview: r.dual_review, riskPoints: r.points ?? [], createdAt: new Date(r.created_at).toISOString(),
      slaDueAt: new Date(r.sla_due_at).toISOString(), slaState: slaState({ createdAt: new Date(r.created_at), slaDueAt: new Date(r.sla_due_at), closedAt: r.closed_at ? new Date(r.closed_at) : null }, now),
      assigneeIds: (r.assignee_ids ?? []).map(String),
    })),
  });
}
