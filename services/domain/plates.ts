/**
 * Premium ("靓号") plate test of R22. A plate is the province character, the issuing-office
 * letter and the serial: 5 characters, or 6 on the 8-character green new-energy plates.
 */
import { normalisePlate } from './normalise.ts';

export type PremiumPattern = 'REPEATED' | 'STRAIGHT';

/** The serial characters of a plate, or null when it is not a 7/8-character plate. */
export function plateSerial(plate: string | null | undefined): string | null {
  const normal = normalisePlate(plate);
  if (normal === null) return null;
  const chars = Array.from(normal);
  if (chars.length !== 7 && chars.length !== 8) return null;
  const [province = '', letter = ''] = chars;
  if (province.charCodeAt(0) < 0x80 || !/^[A-Z]$/.test(letter)) return null;
  return chars.slice(2).join('');
}

/** At least `count` characters of the serial are equal (anywhere, not only adjacent). */
function hasRepeated(serial: string, count: number): boolean {
  const tally = new Map<string, number>();
  for (const ch of serial) tally.set(ch, (tally.get(ch) ?? 0) + 1);
  return [...tally.values()].some((n) => n >= count);
}

/**
 * Five adjacent digits each one more (or each one less) than the one before: "12345",
 * "98765". A straight is what the trade prices; merely increasing digits ("13579") are not.
 */
function hasStraight(serial: string, length: number): boolean {
  for (let i = 0; i + length <= serial.length; i++) {
    const run = serial.slice(i, i + length);
    if (!/^\d+$/.test(run)) continue;
    const digits = Array.from(run, Number);
    const steps = digits.slice(1).map((d, k) => d - (digits[k] ?? 0));
    if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return true;
  }
  return false;
}

/** Which premium pattern the plate shows, or null when it is not premium (or not a plate). */
export function premiumPattern(plate: string | null | undefined): PremiumPattern | null {
  const serial = plateSerial(plate);
  if (serial === null) return null;
  if (hasRepeated(serial, 4)) return 'REPEATED';
  if (hasStraight(serial, 5)) return 'STRAIGHT';
  return null;
}

export function isPremiumPlate(plate: string | null | undefined): boolean {
  return premiumPattern(plate) !== null;
}
