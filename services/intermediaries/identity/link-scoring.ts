/**
 * Whether two person records (different keys) are the same person, how sure, and why. The
 * decisive fact is GB 11643's check digit: it catches every single-digit error and every
 * swap of neighbouring digits, so an invalid ID number one or two edits from a valid one with
 * the same name is almost surely a mistyped record of that person, while two different valid
 * numbers are two people (twins, relatives) however alike the rest looks.
 */
import { birthDateOf, canonicalAddress, checkIdNumber } from '../../domain/index.ts';
import { editDistance, normaliseName } from './names.ts';

export interface PersonRecord {
  /** 'P:' + ID number. */
  readonly key: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly address: string | null;
}

export interface LinkAssessment {
  readonly confidence: number;
  readonly reasons: string[];
  readonly evidence: Record<string, number | boolean | string>;
}

/** Links below this are not worth an investigator's time. */
export const MIN_LINK_CONFIDENCE = 0.5;
/** Links at or above this are merged in the profile until an investigator splits them. */
export const AUTO_MERGE_CONFIDENCE = 0.9;

const isValidId = (id: string): boolean => checkIdNumber(id, '9999-12-31').valid;
const round2 = (x: number): number => Math.round(x * 100) / 100;

interface Part { readonly weight: number; readonly reason: string }

function idParts(a: string, b: string, distance: number, validA: boolean, validB: boolean): Part | null {
  if (validA !== validB && distance === 1) return { weight: 0.6, reason: '身份证号仅差1位, 其中一个校验码错误(疑似录入错误)' };
  if (validA !== validB && distance === 2) return { weight: 0.4, reason: '身份证号相差2位, 其中一个校验码错误(疑似录入错误)' };
  if (!validA && !validB && distance <= 2) return { weight: 0.35, reason: `身份证号相差${distance}位, 两个校验码均错误` };
  if (distance <= 2) return { weight: 0.1, reason: `两个有效身份证号相差${distance}位(可能是双胞胎或亲属)` };
  return birthDateOf(a) !== null && birthDateOf(a) === birthDateOf(b) ? { weight: 0.05, reason: '出生日期相同' } : null;
}

/** The assessment of a pair, or null when they are not plausibly one person (different names). */
export function assessLink(a: PersonRecord, b: PersonRecord): LinkAssessment | null {
  const [nameA, nameB] = [normaliseName(a.name), normaliseName(b.name)];
  if (nameA === null || nameB === null) return null;
  const nameDistance = editDistance(nameA, nameB, 1);
  if (nameDistance > 1) return null;
  const [idA, idB] = [a.key.slice(2), b.key.slice(2)];
  const idDistance = editDistance(idA, idB, 3);
  const [validA, validB] = [isValidId(idA), isValidId(idB)];
  const samePhone = a.phone !== null && a.phone === b.phone;
  const [addressA, addressB] = [canonicalAddress(a.address), canonicalAddress(b.address)];
  const sameAddress = addressA !== null && addressA === addressB;
  const parts: Part[] = [
    idParts(idA, idB, idDistance, validA, validB),
    nameDistance === 0 ? { weight: 0.2, reason: '姓名相同' } : { weight: 0.1, reason: '姓名仅差1字' },
    samePhone ? { weight: 0.15, reason: '登记同一手机号' } : null,
    sameAddress ? { weight: 0.15, reason: '住址相同(规范化后)' } : null,
  ].filter((p): p is Part => p !== null);
  // Two valid numbers are two people unless everything else agrees; even then only a suggestion.
  const cap = validA && validB ? 0.6 : 0.99;
  const confidence = round2(Math.min(cap, parts.reduce((sum, p) => sum + p.weight, 0)));
  if (confidence < MIN_LINK_CONFIDENCE) return null;
  return {
    confidence,
    reasons: [...parts].sort((x, y) => y.weight - x.weight).map((p) => p.reason),
    evidence: { idDistance, nameDistance, samePhone, sameAddress, validA, validB },
  };
}
