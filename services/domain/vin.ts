/** VIN validity as R32 states it: the alphabet and length, then the ISO 3779 check digit. */
import { VIN_PATTERN, vinCheckChar } from './check-digits.ts';

export type VinProblem = 'MISSING' | 'FORMAT' | 'CHECK_DIGIT';

/**
 * Null for a valid VIN, else what is wrong. Case is not folded: the spec's alphabet is upper
 * case only, and a lower-case VIN is a data-entry fault worth a reviewer's look.
 */
export function vinProblem(vin: string | null | undefined): VinProblem | null {
  if (vin == null || vin === '') return 'MISSING';
  if (!VIN_PATTERN.test(vin)) return 'FORMAT';
  return vinCheckChar(vin) === vin[8] ? null : 'CHECK_DIGIT';
}

/** VINs are compared (R27, R31) without surrounding space and case-insensitively. */
export function normaliseVin(vin: string | null | undefined): string | null {
  if (vin == null) return null;
  const compact = vin.replace(/\s/g, '').toUpperCase();
  return compact === '' ? null : compact;
}
