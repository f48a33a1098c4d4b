/** Turns RGB pixels into a model's input tensor as its manifest describes. */
import type { ModelManifest } from '../models/manifest.ts';
import type { RgbImage } from '../image.ts';

/**
 * Writes `image` normalised into `out` (one NCHW sample of `width` columns, left-aligned;
 * columns beyond the image stay at 0, which is PaddleOCR's padding value after normalisation).
 */
export function writeChw(image: RgbImage, manifest: ModelManifest, out: Float32Array, offset: number, width: number): void {
  const { scale, mean, std } = manifest.normalisation;
  // Channel order in the tensor: PaddleOCR models were trained on OpenCV's BGR.
  const order = manifest.input.channels === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const plane = image.height * width;
  for (let c = 0; c < 3; c++) {
    const src = order[c] ?? c;
    const m = mean[c] ?? 0;
    const s = std[c] ?? 1;
    const base = offset + c * plane;
    for (let y = 0; y < image.height; y++) {
      const row = base + y * width;
      const srcRow = y * image.width * 3 + src;
      for (let x = 0; x < image.width; x++) {
        out[row + x] = ((image.data[srcRow + x * 3] ?? 0) * scale - m) / s;
      }
    }
  }
}
