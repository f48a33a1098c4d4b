/**
 * Photo quality measures (R34): resolution, blur and exposure. Blur and exposure are computed
 * on a copy scaled to a fixed width, so a 4000-pixel photo and a 1280-pixel copy of it score
 * alike and the calibrated bounds per kind do not depend on the camera.
 */
import sharp from 'sharp';
import type { RgbImage } from './image.ts';

export interface QualityFacts {
  readonly width: number;
  readonly height: number;
  /** 0 sharp … 1 no detail at all: 100 / (100 + variance of the Laplacian). */
  readonly blur: number;
  /** Mean luminance, 0 black … 1 white. */
  readonly exposure: number;
}

/** Width the measures are taken at. */
const MEASURE_WIDTH = 640;
/** Laplacian variance at which blur reads 0.5; a sharp, textured photo measures ~300-3000. */
const BLUR_HALF = 100;

export async function measureQuality(image: RgbImage): Promise<QualityFacts> {
  const width = Math.min(MEASURE_WIDTH, image.width);
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ width, kernel: 'linear' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  let sum = 0;
  for (const v of data) sum += v;
  let lapSum = 0;
  let lapSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = (data[i - 1] ?? 0) + (data[i + 1] ?? 0) + (data[i - w] ?? 0) + (data[i + w] ?? 0) - 4 * (data[i] ?? 0);
      lapSum += lap;
      lapSq += lap * lap;
      n++;
    }
  }
  const variance = n === 0 ? 0 : lapSq / n - (lapSum / n) ** 2;
  return {
    width: image.width,
    height: image.height,
    blur: round(BLUR_HALF / (BLUR_HALF + variance)),
    exposure: round(sum / (data.length * 255)),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
