import type { RiskPoint } from './types.ts';
import { hit, MISS } from './types.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { businessTypeName } from '../labels.ts';

type Problem = 'UNKNOWN_HANDLER' | 'INACTIVE' | 'NO_PERMISSION' | 'FOREIGN_STATION';

/** R01 越权办理: the handler may not do this business here. */
export const R01: RiskPoint<NoParams> = {
  code: 'R01',
  nameZh: '越权办理',
  nameEn: 'Unauthorized business',
  category: 'HANDLER',
  defaultWeight: 60,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    const handler = f.reference.handler;
    if (handler === null) {
      return hit(`经办人${tx.handlerId}不在经办人名册中`, { handlerId: tx.handlerId, problems: ['UNKNOWN_HANDLER'] });
    }
    const problems: Problem[] = [];
    const texts: string[] = [];
    if (!handler.active) {
      problems.push('INACTIVE');
      texts.push('已停用');
    }
    if (!handler.permissions.includes(tx.type)) {
      problems.push('NO_PERMISSION');
      texts.push(`无${businessTypeName(tx.type)}业务权限`);
    }
    if (!handler.stations.includes(tx.stationCode)) {
      problems.push('FOREIGN_STATION');
      texts.push(`未获授权在${tx.stationCode}办理业务`);
    }
    if (problems.length === 0) return MISS;
    return hit(`经办人${tx.handlerId}${texts.join('，')}`, { handlerId: tx.handlerId, problems });
  },
};
