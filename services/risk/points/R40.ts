import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** R40 强制通过 ◆: staff overrode a system block. */
export const R40: RiskPoint<NoParams> = {
  code: 'R40',
  nameZh: '强制通过',
  nameEn: 'System override',
  category: 'PROCESS',
  defaultWeight: 60,
  dualReview: true,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    return f.tx.flags.override ? hit('业务经人工强制通过系统拦截', { override: true }) : MISS;
  },
};
