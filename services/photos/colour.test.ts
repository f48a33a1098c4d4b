import { describe, expect, it } from 'vitest';
import type { VehicleColor } from '../domain/codes.ts';
import { estimateColour, nameColour } from './colour.ts';
import { decodeImage, type RgbImage } from './image.ts';
import { BODY_PAINTS, renderVehicleScene } from './render/scene.ts';

function hexRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

async function decoded(bytes: Buffer): Promise<RgbImage> {
  const result = await decodeImage(bytes, 50_000_000);
  if (!result.ok) throw new Error(result.reason);
  return result.image;
}

describe('body colour heuristic', () => {
  it('names every paint the scenes use as its spec colour', () => {
    for (const [colour, paint] of Object.entries(BODY_PAINTS)) expect(nameColour(...hexRgb(paint)), colour).toBe(colour);
    expect(nameColour(120, 40, 160)).toBe('OTHER');
  });

  it('reads the body colour around the plate of rendered scenes, surely enough for R38', async () => {
    const colours = Object.keys(BODY_PAINTS) as Exclude<VehicleColor, 'OTHER'>[];
    for (const [i, color] of colours.entries()) {
      const scene = await renderVehicleScene(40 + i, { color });
      const estimate = estimateColour(await decoded(scene.jpeg), { vehicle: null, plate: scene.plateBox });
      expect(estimate, color).toMatchObject({ value: color, source: 'heuristic', basis: 'around the plate' });
      expect(estimate?.confidence ?? 0, color).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('stays below R38\'s 0.8 without a plate or vehicle box, and gives no answer for a mixed region', async () => {
    const scene = await renderVehicleScene(3, { color: 'RED' });
    const image = await decoded(scene.jpeg);
    const centre = estimateColour(image, { vehicle: null, plate: null });
    expect(centre?.confidence ?? 0).toBeLessThan(0.8);
    // Four equal quarters of different colours: nothing dominates.
    const data = Buffer.alloc(200 * 200 * 3);
    const quarters = ['#a31f24', '#1f4fa3', '#2f6b3a', '#e3b514'].map(hexRgb);
    for (let y = 0; y < 200; y++) for (let x = 0; x < 200; x++) data.set(quarters[(y < 100 ? 0 : 2) + (x < 100 ? 0 : 1)] ?? [0, 0, 0], (y * 200 + x) * 3);
    expect(estimateColour({ width: 200, height: 200, data }, { vehicle: { left: 0, top: 0, width: 200, height: 200 }, plate: null })).toBeNull();
  });
});
