import { appendAudit } from '../audit/index.ts';
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
 * can be added, never removed) or raises a new one, linked to the open alerts that share its
 * agent, applicant or vehicle so that a reviewer sees the case whole.
 */
export async function raiseAlerts(tx: Tx, assessments: readonly StoredAssessment[], now = new Date()): Promise<bigint[]> {
  const alerting = assessments.filter((a) => a.result.alert);
  if (alerting.length === 0) return [];
  const open = await tx.alert.findMany({
    where: { transactionId: { in: alerting.map((a) => a.transactionId) }, status: { in: [...OPEN_ALERT_STATUSES] } },
    select: { id: true, transactionId: true, dualReview: true },
  });
  const openByTx = new Map(open.map((o) => [o.transactionId, o]));
  for (const a of alerting.filter((x) => openByTx.has(x.transactionId))) {
    const current = openByTx.get(a.transactionId)!;
    await tx.alert.update({
      where: { id: current.id },
      data: { assessmentId: a.assessmentId, score: a.result.score, severity: severityOf(a.result.score), dualReview: current.dualReview || a.result.dualReview },
    });
  }
  const fresh = alerting.filter((a) => !openByTx.has(a.transactionId));
  if (fresh.length === 0) return [];
  const created = await tx.alert.createManyAndReturn({
    data: fresh.map((a) => ({
      transactionId: a.transactionId, assessmentId: a.assessmentId, status: 'OPEN', severity: severityOf(a.result.score),
      score: a.result.score, dualReview: a.result.dualReview,
      slaDueAt: new Date(now.getTime() + (a.result.dualReview ? SLA_HOURS.dual : SLA_HOURS.single) * HOUR_MS),
      createdAt: now,
    })),
    select: { id: true, transactionId: true, severity: true, dualReview: true },
  });
  await linkRelatedAlerts(tx, created.map((c) => c.id));
  await appendAudit(tx, created.map((c) => ({
    actor: 'system', action: 'alert.raised', entityType: 'alert', entityId: c.id.toString(),
    data: { transactionId: c.transactionId, severity: c.severity, dualReview: c.dualReview },
  })), now);
  return created.map((c) => c.id);
}

const LINKS = [
  { column: 'agent_id_number', reason: 'SAME_AGENT' },
  { column: 'applicant_key', reason: 'SAME_APPLICANT' },
  { column: 'vin', reason: 'SAME_VEHICLE' },
] as const;

/** A tout's hundredth alert need not list ninety-nine others: the most recent ones tell the story. */
const MAX_LINKS_PER_REASON = 50;

async function linkRelatedAlerts(tx: Tx, alertIds: readonly bigint[]): Promise<void> {
  const ids = alertIds.map(String);
  for (const link of LINKS) {
    // Both directions, so that the older alert shows the newer one too.
    await tx.$executeRawUnsafe(
      `WITH pairs AS (
         SELECT a.id AS x, r.id AS y FROM alert a
         JOIN "transaction" ta ON ta.id = a.transaction_id AND ta.${link.column} IS NOT NULL
         CROSS JOIN LATERAL (
           SELECT b.id FROM "transaction" tb JOIN alert b ON b.transaction_id = tb.id AND b.status = ANY($2::text[])
           WHERE tb.${link.column} = ta.${link.column} AND tb.id <> ta.id
           ORDER BY b.id DESC LIMIT ${MAX_LINKS_PER_REASON}) r
         WHERE a.id = ANY($1::bigint[]))
       INSERT INTO alert_link (alert_id, related_alert_id, reason)
       SELECT x, y, $3 FROM pairs UNION SELECT y, x, $3 FROM pairs
       ON CONFLICT DO NOTHING`,
      ids, [...OPEN_ALERT_STATUSES], link.reason,
    );
  }
}
