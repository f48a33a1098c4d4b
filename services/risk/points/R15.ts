import { z } from 'zod';
import { normaliseAddress, surnameOf } from '../../domain/index.ts';
import { countParam, daysParam } from './helpers.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({
  minApplicants: countParam(6),
  /** Not bold in the spec, but a threshold all the same, so configurable too. */
  minSurnames: countParam(3),
  windowDays: daysParam(90),
});
type Params = z.output<typeof params>;

/**
 * R15 住址多人共用: the normalised applicant address is used by ≥ 6 distinct applicants
 * bearing ≥ 3 different surnames in the window — many unrelated people at one address, not
 * a family. Surnames are counted over PERSON applicants only: a company name has none.
 */
export const R15: RiskPoint<Params> = {
  code: 'R15',
  nameZh: '住址多人共用',
  nameEn: 'Shared address',
  category: 'APPLICANT',
  defaultWeight: 15,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    if (normaliseAddress(f.tx.applicant.address) === null) return MISS;
    const rows = windowValue('addressApplicants', f.aggregates.addressApplicants, p.windowDays);
    const applicants = new Set(rows.map((r) => r.key)).size;
    const surnames = new Set(rows.filter((r) => r.kind === 'PERSON').map((r) => surnameOf(r.name)).filter((s) => s !== null)).size;
    if (applicants < p.minApplicants || surnames < p.minSurnames) return MISS;
    return hit(`申请人住址${p.windowDays}天内被${applicants}名不同申请人(${surnames}个不同姓氏)使用`, {
      distinctApplicants: applicants, distinctSurnames: surnames, windowDays: p.windowDays,
    });
  },
};
