import { businessTypeName, materialNames } from '../labels.ts';
import { localDateTime } from '../../domain/index.ts';
import { clock, DAY_MS, NO_PARAMS, timeMs, zoneOf, type NoParams } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';
import { missingMaterials } from './R23.ts';
import type { Transaction } from '../../ingest/schema/index.ts';

/** interchange.md: tolerance materials are due at toleranceDueAt, by default acceptedAt + 10 days. */
export const DEFAULT_TOLERANCE_DAYS = 10;

/** When the sweep must judge a tolerance case. */
export function toleranceDueAt(tx: Transaction): string {
  return tx.flags.toleranceDueAt ?? new Date(timeMs(tx.acceptedAt) + DEFAULT_TOLERANCE_DAYS * DAY_MS).toISOString();
}

/**
 * R25 容缺逾期未补: accepted under tolerance, and at the due time the required materials are
 * still absent. Raised by the periodic sweep on the same transaction; pending until then.
 */
export const R25: RiskPoint<NoParams> = {
  code: 'R25',
  nameZh: '容缺逾期未补',
  nameEn: 'Tolerance overdue',
  category: 'MATERIALS',
  defaultWeight: 35,
  dualReview: false,
  timing: 'SWEEP',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (!tx.flags.tolerance) return MISS;
    const sweep = f.toleranceSweep;
    if (sweep === undefined) return pending(WAITING.sweep);
    const missing = missingMaterials(tx.type, sweep.materialKindsAtDue);
    if (missing.length === 0) return MISS;
    // People read the due time in the station's local time; the evidence keeps the instant.
    const due = localDateTime(sweep.dueAt, zoneOf(f));
    return hit(`${businessTypeName(tx.type)}容缺受理，至${due.date} ${clock(due.secondOfDay).slice(0, 5)}仍未补齐：${materialNames(missing)}`, { dueAt: sweep.dueAt, missingKinds: missing });
  },
};
