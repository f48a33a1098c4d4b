/**
 * Decoding photos safely. Every image the platform reads comes from outside (business systems,
 * outlets), so decoding is bounded (limitInputPixels against decompression bombs) and any
 * failure is a value, never an exception that could stop a worker.
 */
import sharp from 'sharp';

/** 8-bit RGB pixels, row-major, 3 bytes per pixel. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

export type Decoded =
  | { readonly ok: true; readonly image: RgbImage; readonly format: string }
  | { readonly ok: false; readonly reason: string };

// Photos are decoded once each; libvips' operation cache would only hold memory.
sharp.cache(false);

/** Decodes to upright RGB (EXIF orientation applied). */
export async function decodeImage(bytes: Uint8Array, maxPixels: number): Promise<Decoded> {
  try {
    // failOn 'error': a truncated or corrupt JPEG must fail, not be padded grey and pass as a
    // photo; mere warnings (extraneous bytes before a marker, common from phones) are accepted.
    const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true });
    const meta = await pipeline.metadata();
    const { data, info } = await pipeline.rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) return { ok: false, reason: `unexpected ${info.channels} channels` };
    return { ok: true, image: { width: info.width, height: info.height, data }, format: meta.format ?? 'unknown' };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split('\n')[0] ?? 'undecodable' };
  }
}

/** Crops and resizes an RGB image (bilinear), for the recogniser and the detector. */
export async function resizeRgb(
  image: RgbImage,
  width: number,
  height: number,
  crop?: { left: number; top: number; width: number; height: number },
): Promise<RgbImage> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (crop) pipeline = pipeline.extract(crop);
  const { data, info } = await pipeline
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Width of the reduced copy the quality measures, the pHash and the plate-colour search share. */
export const PREVIEW_WIDTH = 640;

/**
 * The photo reduced to PREVIEW_WIDTH (never enlarged), made once per photo: measures taken on
 * it do not depend on the camera's resolution, and each check saves its own pass over the
 * full-size pixels.
 */
export async function previewOf(image: RgbImage): Promise<RgbImage> {
  const width = Math.min(PREVIEW_WIDTH, image.width);
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ width, kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** A region of a raw RGB image, copied row by row (no resampling). */
export function cropRgb(image: RgbImage, left: number, top: number, width: number, height: number): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    image.data.copy(data, y * width * 3, from, from + width * 3);
  }
  return { width, height, data };
}

/** Luminance (BT.601) of each pixel, 0 … 255. */
export function toGray(image: RgbImage): Float32Array {
  const gray = new Float32Array(image.width * image.height);
  const { data } = image;
  for (let i = 0, p = 0; i < gray.length; i++, p += 3) {
    gray[i] = 0.299 * (data[p] ?? 0) + 0.587 * (data[p + 1] ?? 0) + 0.114 * (data[p + 2] ?? 0);
  }
  return gray;
}
