import { ageOn, birthDateOf, normaliseIdNumber } from '../../domain/index.ts';
import { acceptanceDate, NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** The legal minimum age for a first driving licence; the spec fixes it, so it is no parameter. */
const MIN_DRIVING_AGE = 18;
/** From this age on any PERSON applicant is implausible (often a deceased person's identity). */
const IMPLAUSIBLE_AGE = 101;

/**
 * R12 年龄条件不符: DL_APPLY by an applicant under 18, or any PERSON applicant aged 101 or more,
 * in completed years on the acceptance date. The birth date comes from the ID number; when
 * it is not a real date the age is unknown and R09 reports the number instead.
 */
export const R12: RiskPoint<NoParams> = {
  code: 'R12',
  nameZh: '年龄条件不符',
  nameEn: 'Age rule',
  category: 'APPLICANT',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (tx.applicant.kind !== 'PERSON') return MISS;
    const birthDate = birthDateOf(normaliseIdNumber(tx.applicant.idNumber) ?? '');
    if (birthDate === null) return MISS;
    const date = acceptanceDate(f);
    const age = ageOn(birthDate, date);
    if (tx.type === 'DL_APPLY' && age < MIN_DRIVING_AGE) {
      return hit(`初次申领驾驶证的申请人受理时${age}周岁，未满${MIN_DRIVING_AGE}周岁`, { age, rule: 'UNDER_18_DL_APPLY', acceptanceDate: date });
    }
    if (age >= IMPLAUSIBLE_AGE) {
      return hit(`申请人受理时${age}周岁，达到${IMPLAUSIBLE_AGE}周岁及以上`, { age, rule: 'AGED_101_OR_MORE', acceptanceDate: date });
    }
    return MISS;
  },
};
