import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { vinCheckChar } from '../domain/check-digits.ts';
import type { PhotoKind } from '../domain/codes.ts';
import { decodeImage } from './image.ts';
import { measureQuality, type QualityFacts } from './quality.ts';
import { QUALITY_BOUNDS } from './quality-bounds.ts';
import { renderVehicleScene } from './render/scene.ts';
import { randomVin, renderVinPhoto } from './render/vin-photo.ts';

const PER_KIND = 8;

async function measure(bytes: Buffer): Promise<QualityFacts> {
  const decoded = await decodeImage(bytes, 50_000_000);
  if (!decoded.ok) throw new Error(decoded.reason);
  return measureQuality(decoded.image);
}

const degradations: Record<string, (photo: Buffer) => Promise<Buffer>> = {
  sharp: async (photo) => photo,
  'blurred σ4': (photo) => sharp(photo).blur(4).jpeg().toBuffer(),
  'dark ×0.35': (photo) => sharp(photo).modulate({ brightness: 0.35 }).jpeg().toBuffer(),
  'blown ×2.5': (photo) => sharp(photo).linear(2.5, 0).jpeg().toBuffer(),
};

const renders: [PhotoKind, (seed: number) => Promise<Buffer>][] = [
  ['LEFT_FRONT_45', async (seed) => (await renderVehicleScene(seed)).jpeg],
  ['INSPECTOR_WITH_VEHICLE', async (seed) => (await renderVehicleScene(seed, { inspector: true })).jpeg],
  ['VIN_STAMP', (seed) => renderVinPhoto(randomVin(seed, vinCheckChar), seed, 'stamp')],
  ['VIN_RUBBING', (seed) => renderVinPhoto(randomVin(seed, vinCheckChar), seed, 'rubbing')],
];

describe('quality bounds per kind, measured again on rendered photos', () => {
  it.each(renders)('%s: sharp, normal photos pass; blurred, dark and blown-out ones fall outside (7 of 8 at least)', async (kind, render) => {
    const bounds = QUALITY_BOUNDS[kind];
    const ranges: string[] = [];
    const rights: [string, number][] = [];
    for (const [name, degrade] of Object.entries(degradations)) {
      const facts = await Promise.all(Array.from({ length: PER_KIND }, async (_, i) => measure(await degrade(await render(200 + i)))));
      const range = (pick: (q: QualityFacts) => number): string => `${Math.min(...facts.map(pick)).toFixed(2)}–${Math.max(...facts.map(pick)).toFixed(2)}`;
      ranges.push(`${name}: blur ${range((q) => q.blur)}, exposure ${range((q) => q.exposure)}`);
      // Calibration is statistical: at most one photo in eight may land on the wrong side.
      const right = facts.filter((q) => {
        if (name === 'sharp') return q.blur <= bounds.blur.max && q.exposure >= bounds.exposure.min && q.exposure <= bounds.exposure.max;
        if (name === 'blurred σ4') return q.blur > bounds.blur.max;
        if (name === 'dark ×0.35') return q.exposure < bounds.exposure.min;
        return q.exposure > bounds.exposure.max;
      }).length;
      ranges.push(`${right}/${PER_KIND} right`);
      rights.push([name, right]);
    }
    console.log(`${kind} (bounds blur ≤ ${bounds.blur.max}, exposure ${bounds.exposure.min}–${bounds.exposure.max}): ${ranges.join('; ')}`);
    for (const [name, right] of rights) expect(right, `${kind} ${name}`).toBeGreaterThanOrEqual(PER_KIND - 1);
  });

  it('has bounds for every kind, and the spec\'s 640×480 minimum stays R34\'s own parameter', () => {
    for (const bounds of Object.values(QUALITY_BOUNDS)) {
      expect(bounds.blur.min).toBeLessThan(bounds.blur.max);
      expect(bounds.exposure.min).toBeLessThan(bounds.exposure.max);
    }
  });
});
