/**
 * Brings the dashboards' fact tables up to date: supervision.risk_hits (what the risk-point,
 * handler and intermediary panels read) and supervision.photo_checks (the photo panels).
 * Incremental: the assessments written since each table's watermark, in id order, in chunks; a
 * transaction re-assessed since has its facts replaced by those of its current state.
 */
import type { Database, Tx } from '../platform/db.ts';
import { committedMark, refreshFactTable, type FactRefresh, type FactTable } from './fact-refresh.ts';
import { PHOTO_CHECKS } from './photo-facts.ts';

export type { FactRefresh } from './fact-refresh.ts';

/** Hits of each transaction's current assessment, with the transaction's dimensions. */
export const RISK_HITS: FactTable = {
  name: 'risk_hits',
  async applyChunk(tx: Tx, from: bigint, to: bigint): Promise<number> {
    await tx.$executeRaw`
      DELETE FROM supervision.risk_hits f USING assessment a
      WHERE a.id > ${from} AND a.id <= ${to} AND f.transaction_id = a.transaction_id`;
    return tx.$executeRaw`
      INSERT INTO supervision.risk_hits (hit_id, assessment_id, risk_point, category, outcome, weight, transaction_id, station_code, business_type, handler_id, accepted_at)
      SELECT h.id, a.id, h.risk_point, c.category, h.outcome, h.weight, a.transaction_id, t.station_code, t.type, t.handler_id, t.accepted_at
      FROM assessment a
      JOIN risk_hit h ON h.assessment_id = a.id
      JOIN "transaction" t ON t.id = a.transaction_id
      LEFT JOIN supervision.risk_point_catalogue c ON c.code = h.risk_point
      WHERE a.id > ${from} AND a.id <= ${to} AND a.current
      ON CONFLICT (hit_id) DO NOTHING`;
  },
};

export async function refreshRiskHitFacts(db: Database): Promise<FactRefresh> {
  return refreshFactTable(db, RISK_HITS);
}

export async function refreshPhotoCheckFacts(db: Database): Promise<FactRefresh> {
  return refreshFactTable(db, PHOTO_CHECKS);
}

export interface FactsRefresh {
  readonly riskHits: FactRefresh;
  readonly photoChecks: FactRefresh;
}

/** Every fact table, up to one committed mark (what the scheduler runs every minute). */
export async function refreshFacts(db: Database): Promise<FactsRefresh> {
  const mark = await committedMark(db);
  return { riskHits: await refreshFactTable(db, RISK_HITS, mark), photoChecks: await refreshFactTable(db, PHOTO_CHECKS, mark) };
}
