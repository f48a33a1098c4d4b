import { z } from 'zod';
import { normalisePhone } from '../../domain/index.ts';
import type { Organisation } from '../../ingest/schema/index.ts';
import { countParam, daysParam } from './helpers.ts';
import { oncePerList } from './list-index.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({ minApplicants: countParam(3), windowDays: daysParam(90) });
type Params = z.output<typeof params>;

/** Normalised phones of registered organisations and their clerks. */
const phonesOf = oncePerList((organisations: readonly Organisation[]): ReadonlySet<string> =>
  new Set(organisations.flatMap((org) => [...org.phones.map((p) => normalisePhone(p)), ...org.clerks.map((c) => normalisePhone(c.phone))])
    .filter((p): p is string => p !== null)));

/** True when the normalised phone is a registered organisation's own phone or one of its clerks'. */
export function isRegisteredPhone(phone: string, organisations: readonly Organisation[]): boolean {
  return phonesOf(organisations).has(phone);
}

/**
 * R14 电话多人共用: the applicant's phone served ≥ 3 distinct applicants in the window. Dealers
 * and their clerks legitimately give their own phone for many customers, so phones of
 * registered organisations and of their clerks are excluded.
 */
export const R14: RiskPoint<Params> = {
  code: 'R14',
  nameZh: '电话多人共用',
  nameEn: 'Shared phone',
  category: 'APPLICANT',
  defaultWeight: 35,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const phone = normalisePhone(f.tx.applicant.phone);
    if (phone === null || isRegisteredPhone(phone, f.reference.organisations)) return MISS;
    const applicants = windowValue('applicantPhoneApplicants', f.aggregates.applicantPhoneApplicants, p.windowDays);
    if (applicants < p.minApplicants) return MISS;
    return hit(`申请人电话${p.windowDays}天内被${applicants}名不同申请人使用`, { distinctApplicants: applicants, windowDays: p.windowDays, threshold: p.minApplicants });
  },
};
