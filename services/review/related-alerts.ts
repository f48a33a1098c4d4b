import type { Tx } from '../platform/db.ts';
import { OPEN_ALERT_STATUSES } from './raise-alerts.ts';

export type RelationReason = 'SAME_AGENT' | 'SAME_APPLICANT' | 'SAME_VEHICLE';

export interface RelatedAlert {
  readonly alertId: bigint;
  readonly transactionId: string;
  readonly reasons: RelationReason[];
}

const RELATIONS: ReadonlyArray<{ column: string; reason: RelationReason }> = [
  { column: 'agent_id_number', reason: 'SAME_AGENT' },
  { column: 'applicant_key', reason: 'SAME_APPLICANT' },
  { column: 'vin', reason: 'SAME_VEHICLE' },
];

/** At most this many per relation: a tout's hundredth alert need not list ninety-nine others. */
const MAX_PER_REASON = 50;

/**
 * The open alerts that share this alert's agent, applicant or vehicle, most recent first.
 * Computed when read rather than stored, so an alert closed since no longer shows up.
 */
export async function relatedOpenAlerts(tx: Tx, alertId: bigint): Promise<RelatedAlert[]> {
  const found = new Map<bigint, RelatedAlert>();
  for (const { column, reason } of RELATIONS) {
    const rows = await tx.$queryRawUnsafe<Array<{ id: bigint; transaction_id: string }>>(
      `SELECT b.id, b.transaction_id FROM alert a
       JOIN "transaction" ta ON ta.id = a.transaction_id AND ta.${column} IS NOT NULL
       JOIN "transaction" tb ON tb.${column} = ta.${column} AND tb.id <> ta.id
       JOIN alert b ON b.transaction_id = tb.id AND b.status = ANY($2::text[])
       WHERE a.id = $1::bigint ORDER BY b.id DESC LIMIT ${MAX_PER_REASON}`,
      alertId.toString(), [...OPEN_ALERT_STATUSES],
    );
    for (const row of rows) {
      const id = BigInt(row.id);
      const entry = found.get(id) ?? { alertId: id, transactionId: row.transaction_id, reasons: [] };
      entry.reasons.push(reason);
      found.set(id, entry);
    }
  }
  return [...found.values()].sort((a, b) => (a.alertId < b.alertId ? 1 : -1));
}
