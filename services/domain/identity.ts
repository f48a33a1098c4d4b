/**
 * GB 11643 resident ID numbers exactly as R09 reads them, ages for R12, and the key a person
 * is known by ("People" in risk-points.md). Only a lower-case final x is forgiven: any other
 * deviation (spaces, full-width digits, 15-digit old numbers) makes the number invalid,
 * because the spec lists that one leniency and no other.
 */
import { idNumberCheckChar } from './check-digits.ts';
import { normaliseIdNumber } from './normalise.ts';

/** Province-level administrative codes R09 accepts as the first two digits. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [[11, 15], [21, 23], [31, 37], [41, 46], [50, 54], [61, 65], [71, 71], [81, 83]]
    .flatMap(([from = 0, to = 0]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
);

export type IdNumberProblem = 'FORMAT' | 'PROVINCE' | 'BIRTH_DATE' | 'BIRTH_AFTER_ACCEPTANCE' | 'CHECK_DIGIT';

export type IdNumberCheck =
  | { readonly valid: true; readonly birthDate: string }
  | { readonly valid: false; readonly problem: IdNumberProblem };

const ID_PROBLEM_NAMES: Record<IdNumberProblem, string> = {
  FORMAT: '格式错误(须18位、前17位为数字)',
  PROVINCE: '省级行政区划代码无效',
  BIRTH_DATE: '出生日期不存在',
  BIRTH_AFTER_ACCEPTANCE: '出生日期晚于受理日期',
  CHECK_DIGIT: '校验码错误',
};

export function idNumberProblemName(problem: IdNumberProblem): string {
  return ID_PROBLEM_NAMES[problem];
}

/** True for a real Gregorian calendar date given as YYYY-MM-DD. */
export function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Computed by hand: Date.UTC maps years 0–99 to 1900–1999, which would misjudge leap years.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/** The birth date digits (positions 7–14) as YYYY-MM-DD when they form a real date, else null. */
export function birthDateOf(idNumber: string): string | null {
  if (!/^\d{14}/.test(idNumber)) return null;
  const date = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return isRealDate(date) ? date : null;
}

/**
 * R09's validity test. `acceptanceDate` is the local acceptance date (YYYY-MM-DD); a birth
 * date on that very day is allowed, a later one is not.
 */
export function checkIdNumber(idNumber: string, acceptanceDate: string): IdNumberCheck {
  const id = idNumber.length === 18 && idNumber.endsWith('x') ? `${idNumber.slice(0, 17)}X` : idNumber;
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problem: 'FORMAT' };
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return { valid: false, problem: 'PROVINCE' };
  const birthDate = birthDateOf(id);
  if (birthDate === null) return { valid: false, problem: 'BIRTH_DATE' };
  if (birthDate > acceptanceDate) return { valid: false, problem: 'BIRTH_AFTER_ACCEPTANCE' };
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { valid: false, problem: 'CHECK_DIGIT' };
  return { valid: true, birthDate };
}

/**
 * Age in completed years on a date (both YYYY-MM-DD). Someone born on 29 February completes
 * a year on 1 March in common years: the anniversary has not been reached on 28 February.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = onDate.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/**
 * The key a party is counted by: "P:" + idNumber for a person, "O:" + orgCode for an
 * organisation. The fetcher stores this key at ingest so that SQL counts the same persons.
 */
export function partyKey(party: { readonly kind?: 'PERSON' | 'ORGANISATION'; readonly idNumber?: string | null; readonly orgCode?: string | null }): string | null {
  if (party.kind === 'ORGANISATION') {
    const org = party.orgCode?.trim().toUpperCase();
    return org ? `O:${org}` : null;
  }
  const id = normaliseIdNumber(party.idNumber);
  return id ? `P:${id}` : null;
}
