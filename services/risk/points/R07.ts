import { z } from 'zod';
import { acceptanceDate, countParam } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

const params = z.strictObject({ minCount: countParam(60) });
type Params = z.output<typeof params>;

/** R07 经办量异常: the handler accepted ≥ 60 transactions on this local day, this one included. */
export const R07: RiskPoint<Params> = {
  code: 'R07',
  nameZh: '经办量异常',
  nameEn: 'Handler volume',
  category: 'HANDLER',
  defaultWeight: 20,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const count = f.aggregates.handlerDayCount;
    if (count < p.minCount) return MISS;
    const day = acceptanceDate(f);
    return hit(`经办人${f.tx.handlerId}在${day}当天受理${count}笔业务(阈值${p.minCount})`, { handlerDayCount: count, localDate: day, threshold: p.minCount });
  },
};
