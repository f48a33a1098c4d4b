/**
 * Feeding a fixed-size model: the photo fitted to the input (letterboxed or stretched), turned
 * into the tensor its manifest describes (layout, channel order, normalisation), and the way
 * back from input pixels to photo pixels for the boxes it returns.
 */
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { RgbImage } from '../image.ts';
import type { ModelManifest } from '../models/manifest.ts';
import { writeChw } from '../ocr/tensor.ts';
import type { Box } from './box.ts';

/** input = photo × scale + pad, per axis. */
export interface Placement {
  readonly scaleX: number;
  readonly scaleY: number;
  readonly padX: number;
  readonly padY: number;
}

export function toPhoto(box: Box, p: Placement): Box {
  return { left: (box.left - p.padX) / p.scaleX, top: (box.top - p.padY) / p.scaleY, width: box.width / p.scaleX, height: box.height / p.scaleY };
}

/** The photo (or a region of it) fitted into width × height. */
export async function fitImage(
  image: RgbImage,
  width: number,
  height: number,
  mode: 'letterbox' | 'stretch',
  padValue = 0,
): Promise<{ pixels: RgbImage; placement: Placement }> {
  const source = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (mode === 'stretch') {
    const data = await source.resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
    return { pixels: { width, height, data }, placement: { scaleX: width / image.width, scaleY: height / image.height, padX: 0, padY: 0 } };
  }
  const scale = Math.min(width / image.width, height / image.height);
  const w = Math.max(1, Math.min(width, Math.round(image.width * scale)));
  const h = Math.max(1, Math.min(height, Math.round(image.height * scale)));
  const padX = Math.floor((width - w) / 2);
  const padY = Math.floor((height - h) / 2);
  const background = { r: padValue, g: padValue, b: padValue };
  const data = await source
    .resize(w, h, { fit: 'fill', kernel: 'linear' })
    .extend({ left: padX, right: width - w - padX, top: padY, bottom: height - h - padY, background })
    .raw()
    .toBuffer();
  return { pixels: { width, height, data }, placement: { scaleX: w / image.width, scaleY: h / image.height, padX, padY } };
}

/** Writes one HWC sample normalised as the manifest says. */
function writeHwc(image: RgbImage, manifest: ModelManifest, out: Float32Array, offset: number): void {
  const { scale, mean, std } = manifest.normalisation;
  const order = manifest.input.channels === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) {
      out[offset + i * 3 + c] = ((image.data[i * 3 + (order[c] ?? c)] ?? 0) * scale - (mean[c] ?? 0)) / (std[c] ?? 1);
    }
  }
}

/** A batch of equally sized images as the model's input tensor. */
export function imageTensor(images: readonly RgbImage[], manifest: ModelManifest): ort.Tensor {
  const first = images[0];
  if (!first) throw new Error('imageTensor needs at least one image');
  const { width, height } = first;
  const sample = 3 * width * height;
  const data = new Float32Array(sample * images.length);
  images.forEach((image, i) => {
    if (manifest.input.layout === 'NHWC') writeHwc(image, manifest, data, i * sample);
    else writeChw(image, manifest, data, i * sample, width);
  });
  const dims = manifest.input.layout === 'NHWC' ? [images.length, height, width, 3] : [images.length, 3, height, width];
  return new ort.Tensor('float32', data, dims);
}
