import { z } from 'zod';
import { countParam, daysParam } from './helpers.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({ minCount: countParam(5), windowDays: daysParam(30) });
type Params = z.output<typeof params>;

/** R13 个人高频办理: a REG_NEW/TRANSFER whose PERSON applicant has ≥ 5 of them in the window. */
export const R13: RiskPoint<Params> = {
  code: 'R13',
  nameZh: '个人高频办理',
  nameEn: 'Frequent applicant',
  category: 'APPLICANT',
  defaultWeight: 30,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const { tx } = f;
    if (tx.type !== 'REG_NEW' && tx.type !== 'TRANSFER') return MISS;
    if (tx.applicant.kind !== 'PERSON') return MISS;
    const count = windowValue('applicantRegistrations', f.aggregates.applicantRegistrations, p.windowDays);
    if (count < p.minCount) return MISS;
    return hit(`申请人${p.windowDays}天内办理注册/转移登记${count}笔`, { registrations: count, windowDays: p.windowDays, threshold: p.minCount });
  },
};
