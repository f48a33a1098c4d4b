import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidVin, vinCheckChar } from '../domain/check-digits.ts';
import { decodeImage } from './image.ts';
import type { ModelRegistry } from './models/registry.ts';
import { checkPhoto } from './check.ts';
import { randomVin, renderVinPhoto } from './render/vin-photo.ts';
import { testRegistry } from './testing/registry.ts';
import { chooseVin, VIN_ALPHABET } from './vin.ts';

const PHOTOS = 50;
const MAX_PIXELS = 50_000_000;

describe('ISO 3779 check digit against single-character misreads', () => {
  const values = (ch: string): number => (/\d/.test(ch) ? Number(ch) : ('ABCDEFGHJKLMNPRSTUVWXYZ'.indexOf(ch) >= 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]['ABCDEFGHJKLMNPRSTUVWXYZ'.indexOf(ch)] ?? -1 : -1));

  it('catches every substitution that changes the transliterated value, at every position', () => {
    let tried = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const vin = randomVin(seed, vinCheckChar);
      expect(isValidVin(vin)).toBe(true);
      for (let pos = 0; pos < 17; pos++) {
        for (const ch of VIN_ALPHABET) {
          const original = vin[pos] ?? '';
          // Position 9 is the check digit itself; elsewhere only value-preserving swaps (A/J/1) can hide.
          if (ch === original || (pos !== 8 && values(ch) === values(original))) continue;
          tried++;
          expect(isValidVin(vin.slice(0, pos) + ch + vin.slice(pos + 1)), `${vin} pos ${pos + 1} → ${ch}`).toBe(false);
        }
      }
    }
    expect(tried).toBeGreaterThan(10_000);
  });

  it('chooses the plausible valid candidate over a first reading that fails the check digit', () => {
    const truth = randomVin(7, vinCheckChar);
    const misread = `${truth.slice(0, 12)}${truth[12] === '8' ? 'B' : '8'}${truth.slice(13)}`;
    expect(isValidVin(misread)).toBe(false);
    const read = chooseVin([{ text: misread, posterior: 0.6 }, { text: truth, posterior: 0.35 }]);
    expect(read).toMatchObject({ value: truth, checkDigitValid: true, correctedByCheckDigit: true });
  });

  it('flags instead of correcting when the only valid candidate is implausible', () => {
    const truth = randomVin(8, vinCheckChar);
    const misread = `${truth.slice(0, 3)}${truth[3] === 'S' ? '5' : 'S'}${truth.slice(4)}`;
    const read = chooseVin([{ text: misread, posterior: 0.995 }, { text: truth, posterior: 0.005 }]);
    expect(read).toMatchObject({ value: misread, checkDigitValid: false, correctedByCheckDigit: false });
  });
});

describe('VIN reading on rendered stamp and rubbing photos', () => {
  let registry: ModelRegistry;
  beforeAll(async () => {
    registry = await testRegistry();
  });
  afterAll(() => registry.release());

  it(`reads at least 98 % of ${PHOTOS} photos exactly`, async () => {
    let exact = 0;
    let corrected = 0;
    const misses: string[] = [];
    for (let seed = 0; seed < PHOTOS; seed++) {
      const vin = randomVin(1000 + seed, vinCheckChar);
      const photo = await renderVinPhoto(vin, seed, seed % 2 === 0 ? 'stamp' : 'rubbing');
      const report = await checkPhoto(registry, photo, { kind: seed % 2 === 0 ? 'VIN_STAMP' : 'VIN_RUBBING', maxPixels: MAX_PIXELS });
      if (report.vin?.value === vin) exact++;
      else misses.push(`${vin}→${report.vin?.value ?? '∅'}`);
      if (report.vin?.correctedByCheckDigit) corrected++;
    }
    console.log(`VIN: ${exact}/${PHOTOS} = ${((100 * exact) / PHOTOS).toFixed(1)} % exact, ${corrected} chosen by the check digit; misses: ${misses.join(', ')}`);
    expect(exact / PHOTOS).toBeGreaterThanOrEqual(0.98);
  });

  it('reads a stamped VIN whose check digit is wrong as stamped, and flags it', async () => {
    const valid = randomVin(4242, vinCheckChar);
    const wrong = `${valid.slice(0, 8)}${valid[8] === '3' ? '4' : '3'}${valid.slice(9)}`;
    const report = await checkPhoto(registry, await renderVinPhoto(wrong, 4242, 'stamp'), { kind: 'VIN_STAMP', maxPixels: MAX_PIXELS });
    expect(report.vin).toMatchObject({ value: wrong, checkDigitValid: false, correctedByCheckDigit: false });
  });

  it('renders deterministically', async () => {
    const vin = randomVin(5, vinCheckChar);
    const [a, b] = await Promise.all([renderVinPhoto(vin, 5, 'rubbing'), renderVinPhoto(vin, 5, 'rubbing')]);
    expect(a.equals(b)).toBe(true);
    expect((await decodeImage(a, MAX_PIXELS)).ok).toBe(true);
  });
});

describe('upside-down VIN photos', () => {
  let registry: ModelRegistry;
  beforeAll(async () => {
    registry = await testRegistry();
  });
  afterAll(() => registry.release());

  it('turns a line the direction classifier finds upside down, then reads it', async () => {
    const vin = randomVin(31337, vinCheckChar);
    const upright = await renderVinPhoto(vin, 31337, 'rubbing');
    const turned = await sharp(upright).rotate(180).jpeg({ quality: 90 }).toBuffer();
    const report = await checkPhoto(registry, turned, { kind: 'VIN_RUBBING', maxPixels: MAX_PIXELS });
    expect(report.vin).toMatchObject({ value: vin, checkDigitValid: true });
  });
});
