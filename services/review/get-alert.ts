import { maskPersonalData } from '../auth/masking.ts';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { relatedOpenAlerts } from './related-alerts.ts';
import { slaState, type SlaState } from './sla.ts';

export interface AlertDecisionView {
  readonly userId: string;
  readonly username: string | null;
  readonly stage: string;
  readonly decision: string;
  readonly reason: string;
  readonly at: string;
}

export interface AlertView {
  readonly id: string;
  readonly transactionId: string;
  readonly status: string;
  readonly severity: string;
  readonly score: number;
  readonly dualReview: boolean;
  readonly createdAt: string;
  readonly slaDueAt: string;
  readonly slaState: SlaState;
  readonly closedAt: string | null;
  readonly outcome: string | null;
  readonly assignees: Array<{ id: string; username: string }>;
  readonly transaction: Record<string, unknown> | null;
  readonly assessment: { id: string; ruleSetVersion: string; score: number; hits: Array<{ riskPoint: string; weight: number; reason: string; evidence: unknown }> } | null;
  /** Decisions recorded so far (always shown, so a reviewer knows a first decision exists). */
  readonly decisionsRecorded: number;
  /** Blind review: hidden until the viewer has decided, or the alert is escalated or closed. */
  readonly decisionsHidden: boolean;
  readonly decisions: AlertDecisionView[];
  readonly relatedOpenAlerts: Array<{ alertId: string; transactionId: string; reasons: string[] }>;
  readonly masked: boolean;
}

/** Whether `viewer` may see the recorded decisions now (the second reviewer must decide blind). */
export function decisionsVisible(status: string, deciders: readonly bigint[], viewer: bigint): boolean {
  return status === 'CLOSED' || status === 'ESCALATED' || deciders.includes(viewer);
}

/** One alert as a reviewer sees it: the case, every fired point with its evidence, related open alerts. */
export async function getAlert(db: Database, id: bigint, viewer: bigint, options: { unmask: boolean }, now = new Date()): Promise<Result<AlertView>> {
  const prisma = db.prisma;
  const alert = await prisma.alert.findUnique({ where: { id }, include: { decisions: { orderBy: { id: 'asc' } } } });
  if (!alert) return fail('NOT_FOUND', `没有告警 ${id} (no such alert)`);
  const [assessment, current, related] = await Promise.all([
    prisma.assessment.findUnique({ where: { id: alert.assessmentId }, include: { hits: { orderBy: { weight: 'desc' } } } }),
    prisma.$queryRaw<Array<{ payload: Record<string, unknown> }>>`
      SELECT r.payload FROM "transaction" t JOIN transaction_revision r ON r.transaction_id = t.id AND r.version = t.version WHERE t.id = ${alert.transactionId}`,
    relatedOpenAlerts(prisma, id),
  ]);
  const people = await prisma.user.findMany({ where: { id: { in: [...alert.assigneeIds, ...alert.decisions.map((d) => d.userId)] } }, select: { id: true, username: true } });
  const names = new Map(people.map((p) => [p.id, p.username]));
  const visible = decisionsVisible(alert.status, alert.decisions.map((d) => d.userId), viewer);
  const mask = <T>(v: T): T => (options.unmask ? v : maskPersonalData(v));
  return ok({
    id: alert.id.toString(), transactionId: alert.transactionId, status: alert.status, severity: alert.severity, score: alert.score,
    dualReview: alert.dualReview, createdAt: alert.createdAt.toISOString(), slaDueAt: alert.slaDueAt.toISOString(),
    slaState: slaState(alert, now), closedAt: alert.closedAt?.toISOString() ?? null, outcome: alert.outcome,
    assignees: alert.assigneeIds.map((a) => ({ id: a.toString(), username: names.get(a) ?? '?' })),
    transaction: current[0] ? mask(current[0].payload) : null,
    assessment: assessment ? {
      id: assessment.id.toString(), ruleSetVersion: assessment.ruleSetVersion, score: assessment.score,
      hits: assessment.hits.map((h) => ({ riskPoint: h.riskPoint, weight: h.weight, reason: h.reason, evidence: mask(h.evidence) })),
    } : null,
    decisionsRecorded: alert.decisions.length,
    decisionsHidden: !visible,
    decisions: visible ? alert.decisions.map((d) => ({
      userId: d.userId.toString(), username: names.get(d.userId) ?? null, stage: d.stage, decision: d.decision, reason: d.reason, at: d.createdAt.toISOString(),
    })) : [],
    relatedOpenAlerts: related.map((r) => ({ alertId: r.alertId.toString(), transactionId: r.transactionId, reasons: r.reasons })),
    masked: !options.unmask,
  });
}
