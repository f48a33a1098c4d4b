import { z } from 'zod';
import { normalisePlate, premiumPattern } from '../../domain/index.ts';
import { businessTypeName, PLATE_PATTERN_NAMES as PATTERN_NAMES } from '../labels.ts';
import { DAY_MS, daysParam, round, timeMs } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

const params = z.strictObject({ withinDays: daysParam(180) });
type Params = z.output<typeof params>;

/**
 * R22 靓号倒卖: a TRANSFER of a vehicle with a premium plate within 180 days (difference ≤ 180
 * × 24 h) of that vehicle's previous REG_NEW or TRANSFER, i.e. the plate changes hands fast.
 */
export const R22: RiskPoint<Params> = {
  code: 'R22',
  nameZh: '靓号倒卖',
  nameEn: 'Premium plate churn',
  category: 'INTERMEDIARY',
  defaultWeight: 35,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const { tx } = f;
    if (tx.type !== 'TRANSFER') return MISS;
    const pattern = premiumPattern(tx.vehicle?.plate);
    const previous = f.aggregates.previousRegistration;
    if (pattern === null || previous === null || previous.transactionId === tx.id) return MISS;
    const gap = timeMs(tx.acceptedAt) - timeMs(previous.acceptedAt);
    if (gap < 0 || gap > p.withinDays * DAY_MS) return MISS;
    const days = round(gap / DAY_MS, 1);
    const plate = normalisePlate(tx.vehicle?.plate) ?? '';
    return hit(`靓号${plate}(${PATTERN_NAMES[pattern]})车辆距上次${businessTypeName(previous.type)}仅${days}天再次转移`, {
      plate, pattern, previousTransactionId: previous.transactionId, previousType: previous.type, daysSincePrevious: days, withinDays: p.withinDays,
    });
  },
};
