/**
 * VIN reading: text lines found by the detector are read under the VIN grammar (17 characters
 * of [A-HJ-NPR-Z0-9]); among the recogniser's candidates the ISO 3779 check digit picks the
 * likeliest valid one, and a reading with no plausible valid candidate is flagged.
 */
import { isValidVin, VIN_PATTERN } from '../domain/check-digits.ts';
import { beamSearch, positionClasses, type Candidate } from './ocr/beam.ts';
import { greedyDecode, type CtcOutput } from './ocr/recognise.ts';

export const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_LENGTH = 17;

export interface VinRead {
  readonly value: string;
  readonly confidence: number;
  /** False when no plausible candidate passes the check digit: the VIN shown is the best read. */
  readonly checkDigitValid: boolean;
  /** True when the check digit chose a candidate other than the recogniser's first. */
  readonly correctedByCheckDigit: boolean;
}

/**
 * A valid candidate must keep at least this share of the best candidate's probability: a
 * character the recogniser barely considered is no evidence, and "correcting" a clearly read
 * wrong VIN into a valid one would hide exactly the tampering R31/R32 look for.
 */
const PLAUSIBLE_RATIO = 0.02;

const setCache = new WeakMap<readonly string[], Int32Array[]>();

function vinSets(alphabet: readonly string[]): Int32Array[] {
  let sets = setCache.get(alphabet);
  if (!sets) {
    sets = positionClasses(alphabet, Array.from({ length: VIN_LENGTH }, () => VIN_ALPHABET));
    setCache.set(alphabet, sets);
  }
  return sets;
}

/** Chooses among one line's candidates with the check digit. */
export function chooseVin(candidates: readonly Candidate[]): VinRead | null {
  const [best] = candidates;
  if (!best || !VIN_PATTERN.test(best.text)) return null;
  const valid = candidates.find((c) => isValidVin(c.text) && c.posterior >= best.posterior * PLAUSIBLE_RATIO);
  if (!valid) return { value: best.text, confidence: best.posterior, checkDigitValid: false, correctedByCheckDigit: false };
  return { value: valid.text, confidence: valid.posterior, checkDigitValid: true, correctedByCheckDigit: valid !== best };
}

/** Whether a line could be a VIN at all: about 17 VIN characters read greedily. */
function looksLikeVin(ctc: CtcOutput): boolean {
  const chars = greedyDecode(ctc).text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return chars.length >= VIN_LENGTH - 3 && chars.length <= VIN_LENGTH + 3;
}

export function decodeVin(ctc: CtcOutput): VinRead | null {
  if (!looksLikeVin(ctc)) return null;
  return chooseVin(beamSearch(ctc, vinSets(ctc.alphabet), [VIN_LENGTH], 24));
}

/** The best VIN on a photo: valid check digit first, then confidence. */
export function bestVin(lines: readonly CtcOutput[]): VinRead | null {
  const reads = lines.map(decodeVin).filter((read): read is VinRead => read !== null);
  reads.sort((a, b) => Number(b.checkDigitValid) - Number(a.checkDigitValid) || b.confidence - a.confidence);
  return reads[0] ?? null;
}
