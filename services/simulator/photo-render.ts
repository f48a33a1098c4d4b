/**
 * Turns a planned photo (photo-job.ts) into its bytes: the rendered photo, the planted
 * degradation if any, then the capture device's EXIF. Deterministic: the same job gives the
 * same bytes.
 */
import sharp from 'sharp';
import { renderInspectionPhoto } from '../photos/render/inspection-set.ts';
import { withCapture } from './photo-capture.ts';
import type { PhotoJob } from './photo-job.ts';

/** The camera app's date strip burnt into a reused photo (orange digits on a dark band). */
function dateStrip(width: number, text: string): Buffer {
  const height = Math.round(width / 40);
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black" fill-opacity="0.55"/>` +
      `<text x="${Math.round(width * 0.72)}" y="${Math.round(height * 0.78)}" font-size="${Math.round(height * 0.7)}" fill="#ffb000" font-family="DejaVu Sans Mono">${text}</text></svg>`,
  );
}

/**
 * What an outlet does to hide a reused photo: resized, brightened, a date strip added along the
 * bottom, re-encoded at a lower quality (which also drops the original's EXIF).
 */
export async function disguise(jpeg: Buffer, width: number, brightness: number, stamp: string): Promise<Buffer> {
  const resized = await sharp(jpeg).resize({ width }).modulate({ brightness }).toBuffer({ resolveWithObject: true });
  const strip = dateStrip(resized.info.width, stamp);
  const stripHeight = Math.round(resized.info.width / 40);
  return sharp(resized.data).composite([{ input: strip, left: 0, top: resized.info.height - stripHeight }]).jpeg({ quality: 68 }).toBuffer();
}

async function rendered(job: PhotoJob): Promise<Buffer> {
  const effect = job.effect;
  switch (effect.type) {
    case 'disguised-copy': {
      const original = await renderPhoto(effect.source);
      return disguise(original, effect.width, effect.brightness, effect.stamp);
    }
    case 'blur': {
      const photo = await renderInspectionPhoto(job.request);
      const { width = 1920 } = await sharp(photo).metadata();
      return sharp(photo).blur((effect.sigma * width) / 1920).jpeg({ quality: 85 }).toBuffer();
    }
    default:
      return renderInspectionPhoto(job.request);
  }
}

/** The file's bytes. */
export async function renderPhoto(job: PhotoJob): Promise<Buffer> {
  const photo = await rendered(job);
  const captured = job.capture ? await withCapture(photo, job.capture) : photo;
  if (job.effect.type === 'truncate') return captured.subarray(0, Math.floor(captured.length * job.effect.keep));
  return captured;
}
