import { appendAudit } from '../audit/index.ts';
import { bulkInsertReturning, type BulkColumn } from '../platform/bulk.ts';
import type { Tx } from '../platform/db.ts';
import type { StoredAssessment } from '../risk/engine/persist-assessments.ts';

/** review-and-audit.md: default SLA 24 h for dual review, 72 h otherwise. */
export const SLA_HOURS = { dual: 24, single: 72 } as const;
const HOUR_MS = 3_600_000;

/** Alert states that are still someone's work (CLOSED is the only terminal one). */
export const OPEN_ALERT_STATUSES = ['OPEN', 'ASSIGNED', 'FIRST_DECIDED', 'ESCALATED'] as const;

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

/** HIGH from the dual-review band, MEDIUM from the alert band, LOW when only a ◆ point or an error raised it. */
export function severityOf(score: number): Severity {
  if (score >= 70) return 'HIGH';
  if (score >= 40) return 'MEDIUM';
  return 'LOW';
}

/**
 * One open alert per transaction: a new alerting assessment updates the open alert (dual review
 * can be added, never removed) or raises a new one. Related alerts (same agent, applicant or
 * vehicle) are found when an alert is read (related-alerts.ts), so links never go stale.
 */
export async function raiseAlerts(tx: Tx, assessments: readonly StoredAssessment[], now = new Date()): Promise<bigint[]> {
  const alerting = assessments.filter((a) => a.result.alert);
  if (alerting.length === 0) return [];
  // A transaction's first assessment cannot have an alert yet: no read (a round trip per single transaction).
  const known = alerting.filter((a) => !a.first).map((a) => a.transactionId);
  const open = known.length === 0 ? [] : await tx.alert.findMany({
    where: { transactionId: { in: known }, status: { in: [...OPEN_ALERT_STATUSES] } },
    select: { id: true, transactionId: true, dualReview: true },
  });
  const openByTx = new Map(open.map((o) => [o.transactionId, o]));
  await refreshOpenAlerts(tx, alerting.filter((a) => openByTx.has(a.transactionId)).map((a) => ({ a, current: openByTx.get(a.transactionId)! })));
  const fresh = alerting.filter((a) => !openByTx.has(a.transactionId));
  if (fresh.length === 0) return [];
  const rows = await bulkInsertReturning<StoredAssessment, { id: bigint; transaction_id: string; severity: string; dual_review: boolean }>(
    tx, 'alert', alertColumns(now), fresh, 'id, transaction_id, severity, dual_review',
  );
  const created = rows.map((r) => ({ id: BigInt(r.id), transactionId: r.transaction_id, severity: r.severity, dualReview: r.dual_review }));
  await appendAudit(tx, created.map((c) => ({
    actor: 'system', action: 'alert.raised', entityType: 'alert', entityId: c.id.toString(),
    data: { transactionId: c.transactionId, severity: c.severity, dualReview: c.dualReview },
  })), now);
  return created.map((c) => c.id);
}

/** The open alert follows the newest assessment (dual review can be added, never removed), in one statement. */
async function refreshOpenAlerts(tx: Tx, pairs: ReadonlyArray<{ a: StoredAssessment; current: { id: bigint; dualReview: boolean } }>): Promise<void> {
  if (pairs.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE alert SET assessment_id = u.assessment_id, score = u.score, severity = u.severity, dual_review = u.dual_review
       FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::boolean[]) AS u(id, assessment_id, score, severity, dual_review)
      WHERE alert.id = u.id`,
    pairs.map((p) => p.current.id.toString()), pairs.map((p) => p.a.assessmentId.toString()), pairs.map((p) => p.a.result.score),
    pairs.map((p) => severityOf(p.a.result.score)), pairs.map((p) => p.current.dualReview || p.a.result.dualReview),
  );
}

function alertColumns(now: Date): BulkColumn<StoredAssessment>[] {
  return [
    { name: 'transaction_id', type: 'text', value: (a) => a.transactionId },
    { name: 'assessment_id', type: 'bigint', value: (a) => a.assessmentId },
    { name: 'status', type: 'text', value: () => 'OPEN' },
    { name: 'severity', type: 'text', value: (a) => severityOf(a.result.score) },
    { name: 'score', type: 'int', value: (a) => a.result.score },
    { name: 'dual_review', type: 'boolean', value: (a) => a.result.dualReview },
    { name: 'sla_due_at', type: 'timestamptz', value: (a) => new Date(now.getTime() + (a.result.dualReview ? SLA_HOURS.dual : SLA_HOURS.single) * HOUR_MS) },
    { name: 'created_at', type: 'timestamptz', value: () => now },
  ];
}
