import { MATERIAL_NAMES } from '../labels.ts';
import { acceptanceDate, NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R26 证件过期: a material's validUntil is before the local acceptance date. A document valid
 * until the acceptance date itself is still valid that day.
 */
export const R26: RiskPoint<NoParams> = {
  code: 'R26',
  nameZh: '证件过期',
  nameEn: 'Expired document',
  category: 'MATERIALS',
  defaultWeight: 30,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const date = acceptanceDate(f);
    // Both are YYYY-MM-DD, so string order is date order.
    const expired = f.tx.materials.filter((m) => m.validUntil !== null && m.validUntil < date);
    const first = expired[0];
    if (first === undefined) return MISS;
    const more = expired.length > 1 ? `等${expired.length}份材料` : '';
    return hit(`${MATERIAL_NAMES[first.kind]}${more}有效期至${first.validUntil}，早于受理日期${date}`, {
      acceptanceDate: date, expired: expired.map((m) => ({ kind: m.kind, validUntil: m.validUntil })),
    });
  },
};
