import { businessType } from '../../domain/index.ts';
import { businessTypeName } from '../labels.ts';
import { MINUTE_MS, NO_PARAMS, round, timeMs, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R39 办理时长异常: completedAt − acceptedAt below the business type's minimum minutes
 * (interchange.md table 3). Until a version with completedAt arrives there is no duration;
 * that version is evaluated afresh.
 */
export const R39: RiskPoint<NoParams> = {
  code: 'R39',
  nameZh: '办理时长异常',
  nameEn: 'Abnormally fast',
  category: 'PROCESS',
  defaultWeight: 25,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (tx.completedAt === null) return MISS;
    const min = businessType(tx.type).minMinutes;
    const took = timeMs(tx.completedAt) - timeMs(tx.acceptedAt);
    if (took >= min * MINUTE_MS) return MISS;
    const minutes = round(took / MINUTE_MS, 1);
    return hit(`${businessTypeName(tx.type)}办理用时${minutes}分钟，低于最短${min}分钟`, { minutes, minMinutes: min });
  },
};
