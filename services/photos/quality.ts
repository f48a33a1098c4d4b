/**
 * Photo quality measures (R34): resolution, blur and exposure. Blur and exposure are computed
 * on a grey copy scaled to a fixed width, so a 4000-pixel photo and a 1280-pixel copy of it
 * score alike and the bounds calibrated per kind (quality-bounds.ts) do not depend on the camera.
 */
import sharp from 'sharp';
import { previewOf, type RgbImage } from './image.ts';

export interface QualityFacts {
  readonly width: number;
  readonly height: number;
  /**
   * 0 sharp … 1 no detail at all: the blur effect of Crété-Roffet et al. (2007) — how little the
   * edges change when the photo is blurred again. A ratio of gradients, so it does not move
   * with contrast or brightness (a dark photo is not a blurred one).
   */
  readonly blur: number;
  /** Mean luminance, 0 black … 1 white. */
  readonly exposure: number;
}

/** Length of the re-blurring box filter (scikit-image's default for this measure). */
const REBLUR = 11;

/** Box filter of length REBLUR along x (alongX) or y, edges repeated. */
function boxFilter(src: Float32Array, w: number, h: number, alongX: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const r = REBLUR >> 1;
  const [lines, length, stride, lineStride] = alongX ? [h, w, 1, w] : [w, h, w, 1];
  for (let line = 0; line < lines; line++) {
    const base = line * lineStride;
    const last = base + (length - 1) * stride;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += src[base + Math.min(length - 1, Math.max(0, k)) * stride] as number;
    for (let k = 0, at = base; k < length; k++, at += stride) {
      out[at] = sum / REBLUR;
      const enter = k + r + 1 < length ? base + (k + r + 1) * stride : last;
      const leave = k - r > 0 ? base + (k - r) * stride : base;
      sum += (src[enter] as number) - (src[leave] as number);
    }
  }
  return out;
}

/**
 * The blur effect: per axis, the share of edge strength (|Sobel|) that survives re-blurring;
 * the worse axis. One pass per axis over the interior pixels.
 */
export function blurEffect(gray: Float32Array, w: number, h: number): number {
  if (w < 5 || h < 5) return 1;
  let worst = 0;
  for (const alongX of [true, false]) {
    const b = boxFilter(gray, w, h, alongX);
    const g = gray;
    // Sobel along x: right column − left column (1 2 1 across rows); along y: bottom − top.
    const [next, across] = alongX ? [1, w] : [w, 1];
    let edges = 0;
    let lost = 0;
    for (let y = 2; y < h - 1; y++) {
      for (let i = y * w + 2, end = y * w + w - 1; i < end; i++) {
        const s = Math.abs((g[i + next - across] as number) + 2 * (g[i + next] as number) + (g[i + next + across] as number) - (g[i - next - across] as number) - 2 * (g[i - next] as number) - (g[i - next + across] as number));
        const t = Math.abs((b[i + next - across] as number) + 2 * (b[i + next] as number) + (b[i + next + across] as number) - (b[i - next - across] as number) - 2 * (b[i - next] as number) - (b[i - next + across] as number));
        edges += s;
        if (s > t) lost += s - t;
      }
    }
    worst = Math.max(worst, edges > 0 ? Math.abs(edges - lost) / edges : 1);
  }
  return worst;
}

/**
 * Quality of a photo. `preview` is the photo reduced to the measuring width (previewOf); the
 * check suite passes the one it shares among checks, callers without one get it made here.
 */
export async function measureQuality(image: RgbImage, preview?: RgbImage): Promise<QualityFacts> {
  const small = preview ?? (await previewOf(image));
  const { data, info } = await sharp(small.data, { raw: { width: small.width, height: small.height, channels: 3 } })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (const v of data) sum += v;
  return {
    width: image.width,
    height: image.height,
    blur: round(blurEffect(Float32Array.from(data), info.width, info.height)),
    exposure: round(sum / (data.length * 255)),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
