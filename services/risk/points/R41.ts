import { businessType } from '../../domain/index.ts';
import { businessTypeName } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** R41 重点业务 ◆: every key business (interchange.md table 3) gets a second pair of eyes. */
export const R41: RiskPoint<NoParams> = {
  code: 'R41',
  nameZh: '重点业务',
  nameEn: 'Key business',
  category: 'PROCESS',
  defaultWeight: 10,
  dualReview: true,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const type = f.tx.type;
    return businessType(type).key ? hit(`${businessTypeName(type)}属重点业务`, { type }) : MISS;
  },
};
