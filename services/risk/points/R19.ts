import { z } from 'zod';
import { countParam, daysParam } from './helpers.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({
  minTransactions: countParam(8),
  /** "≥ 60 %", as whole percent so that the comparison is exact integer arithmetic. */
  minSharePercent: z.number().min(0).max(100).default(60),
  windowDays: daysParam(90),
});
type Params = z.output<typeof params>;

/**
 * R19 代办人经办人固定搭配: the agent has ≥ 8 transactions in the window and ≥ 60 % of them
 * were accepted by this transaction's handler.
 */
export const R19: RiskPoint<Params> = {
  code: 'R19',
  nameZh: '代办人经办人固定搭配',
  nameEn: 'Agent–handler affinity',
  category: 'INTERMEDIARY',
  defaultWeight: 45,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    if (!f.tx.agent) return MISS;
    const { total, withThisHandler } = windowValue('agentTransactions', f.aggregates.agentTransactions, p.windowDays);
    if (total < p.minTransactions || withThisHandler * 100 < p.minSharePercent * total) return MISS;
    const percent = Math.round((withThisHandler * 1000) / total) / 10;
    return hit(`代办人${p.windowDays}天内办理${total}笔，其中${withThisHandler}笔(${percent}%)由经办人${f.tx.handlerId}受理`, {
      agentTransactions: total, withThisHandler, sharePercent: percent, windowDays: p.windowDays,
    });
  },
};
