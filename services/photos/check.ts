/**
 * The per-photo check suite: integrity (sha256), decode (bounded), quality, perceptual hash,
 * EXIF, and the OCR checks the declared kind calls for (plate on vehicle scenes, VIN on VIN
 * photos; both when the kind is unknown). Never throws for a bad image: an undecodable one
 * is reported UNREADABLE with the reason.
 */
import { createHash } from 'node:crypto';
import type { PhotoKind } from '../domain/codes.ts';
import type { ExifFacts, Scored } from '../risk/photo-findings.ts';
import { readExif } from './exif.ts';
import { decodeImage, resizeRgb, type RgbImage } from './image.ts';
import type { ModelRegistry } from './models/registry.ts';
import { detectText, mergeLines, type TextBox } from './ocr/detect.ts';
import { lineOrientations } from './ocr/direction.ts';
import { greedyDecode, recognise, type CtcOutput } from './ocr/recognise.ts';
import { perceptualHash } from './phash.ts';
import { readPlateCrops } from './plate.ts';
import { measureQuality, type QualityFacts } from './quality.ts';
import { bestVin, decodeVin, type VinRead } from './vin.ts';

export interface PhotoReport {
  readonly status: 'READ' | 'UNREADABLE';
  /** Why the bytes could not be decoded; null when they could. */
  readonly unreadable: string | null;
  readonly kind: PhotoKind | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string | null;
  readonly quality: QualityFacts | null;
  readonly phash: string | null;
  readonly exif: ExifFacts | null;
  readonly plate: Scored<string> | null;
  readonly vin: (Scored<string> & { checkDigitValid: boolean; correctedByCheckDigit: boolean }) | null;
}

export interface CheckOptions {
  readonly kind?: PhotoKind | null;
  readonly maxPixels: number;
}

const PLATE_KINDS: readonly PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const VIN_KINDS: readonly PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];

export async function checkPhoto(registry: ModelRegistry, bytes: Uint8Array, options: CheckOptions): Promise<PhotoReport> {
  const kind = options.kind ?? null;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { kind, sha256, bytes: bytes.length };
  const decoded = await decodeImage(bytes, options.maxPixels);
  if (!decoded.ok) {
    return { ...base, status: 'UNREADABLE', unreadable: decoded.reason, format: null, quality: null, phash: null, exif: null, plate: null, vin: null };
  }
  const { image } = decoded;
  const wantsPlate = kind === null || PLATE_KINDS.includes(kind);
  const wantsVin = kind === null || VIN_KINDS.includes(kind);
  const [quality, phash, exif, text] = await Promise.all([
    measureQuality(image),
    perceptualHash(image),
    readExif(bytes),
    wantsPlate || wantsVin ? readText(registry, image, wantsPlate, wantsVin) : { plate: null, vin: null },
  ]);
  const vin = text.vin ? { value: text.vin.value, confidence: text.vin.confidence, checkDigitValid: text.vin.checkDigitValid, correctedByCheckDigit: text.vin.correctedByCheckDigit } : null;
  return { ...base, status: 'READ', unreadable: null, format: decoded.format, quality, phash, exif, plate: text.plate, vin };
}

/**
 * A whole image this shape and size is one text line (a plate or VIN crop sent on its own): it
 * is read whole, since the detector's boxes on a tight crop clip the edge characters. Scene
 * photos are far taller than 100 pixels.
 */
function isLineCrop(image: RgbImage): boolean {
  return image.width / image.height >= 2 && image.height <= 100;
}

async function crop(image: RgbImage, box: TextBox): Promise<RgbImage> {
  const margin = Math.round(box.height * 0.15);
  const left = Math.max(0, box.left - margin);
  const top = Math.max(0, box.top - margin);
  const width = Math.min(image.width - left, box.width + 2 * margin);
  const height = Math.min(image.height - top, box.height + 2 * margin);
  return resizeRgb(image, width, height, { left, top, width, height });
}

/** Reads each orientation offered and keeps the one the recogniser is surer of. */
async function readUpright(registry: ModelRegistry, options: readonly RgbImage[]): Promise<{ line: RgbImage; output: CtcOutput }> {
  const outputs = (await Promise.all(options.map((line) => recognise(registry, [line])))).flat();
  let best = 0;
  outputs.forEach((output, i) => {
    if (greedyDecode(output).confidence > greedyDecode(outputs[best] as CtcOutput).confidence) best = i;
  });
  return { line: options[best] as RgbImage, output: outputs[best] as CtcOutput };
}

async function readText(
  registry: ModelRegistry,
  image: RgbImage,
  wantsPlate: boolean,
  wantsVin: boolean,
): Promise<{ plate: Scored<string> | null; vin: VinRead | null }> {
  const boxes = isLineCrop(image) ? [] : mergeLines(await detectText(registry, image)).filter((box) => box.width >= box.height);
  const crops = isLineCrop(image) ? [image] : await Promise.all(boxes.map((box) => crop(image, box)));
  const read = await Promise.all((await lineOrientations(registry, crops)).map((options) => readUpright(registry, options)));
  const lines = read.map((r) => r.line);
  const outputs = read.map((r) => r.output);
  const vin = wantsVin ? bestVin(outputs) : null;
  let plate: Scored<string> | null = null;
  if (wantsPlate) {
    // Plate-length lines only (7-8 characters, a separator or a misread either way).
    const candidates = lines.filter((_, i) => {
      const out = outputs[i];
      const n = out ? Array.from(greedyDecode(out).text.replace(/[\s·•\-:：.]/g, '')).length : 0;
      return n >= 6 && n <= 10 && (out === undefined || decodeVin(out) === null);
    });
    const reads = await readPlateCrops(registry, candidates);
    for (const read of reads) if (read && (!plate || read.confidence > plate.confidence)) plate = read;
  }
  return { plate, vin };
}
