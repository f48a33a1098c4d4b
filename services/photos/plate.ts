/**
 * Plate reading: a plate is a province character, the issuing-office letter and a serial of 5
 * (blue, yellow) or 6 (green new-energy) letters or digits, never I or O (GA 36). The
 * recogniser's CTC output is decoded under that grammar for both lengths; the likelier wins.
 */
import { normalisePlate } from '../domain/normalise.ts';
import type { Scored } from '../risk/photo-findings.ts';
import sharp from 'sharp';
import type { RgbImage } from './image.ts';
import type { ModelRegistry } from './models/registry.ts';
import { beamSearch, positionClasses, type Candidate } from './ocr/beam.ts';
import { recognise, type CtcOutput } from './ocr/recognise.ts';

export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const SERIAL = `${LETTERS}0123456789`;

/** Positions of the longest plate; a 7-character plate is its first 7 positions. */
const GRAMMAR = [PLATE_PROVINCES, LETTERS, ...Array.from({ length: 6 }, () => SERIAL)];

export const PLATE_PATTERN = new RegExp(`^[${PLATE_PROVINCES}][${LETTERS}][${SERIAL}]{5,6}$`);

const setCache = new WeakMap<readonly string[], Int32Array[]>();

function grammarSets(alphabet: readonly string[]): Int32Array[] {
  let sets = setCache.get(alphabet);
  if (!sets) {
    sets = positionClasses(alphabet, GRAMMAR);
    setCache.set(alphabet, sets);
  }
  return sets;
}

/** Every plate-shaped reading the beam kept, best first, with its share of their probability. */
export function plateCandidates(ctc: CtcOutput, lengths: readonly number[] = [7, 8]): Candidate[] {
  return beamSearch(ctc, grammarSets(ctc.alphabet), lengths);
}

/**
 * The grammar read of one text line, or null when no plate-shaped reading exists. The
 * confidence is the reading's share of the probability of all plate-shaped readings kept, so
 * two close candidates (皖/赣, 0/D) both score low and R30 will not act on either. `lengths`
 * narrows the plate to 7 (blue, yellow) or 8 (green new-energy) characters when its colour is known.
 */
export function decodePlate(ctc: CtcOutput, lengths: readonly number[] = [7, 8]): Scored<string> | null {
  const [best] = plateCandidates(ctc, lengths);
  if (!best) return null;
  return { value: normalisePlate(best.text) ?? best.text, confidence: best.posterior };
}

const REC_HEIGHT = 48;

/**
 * Plate crop → recogniser input: desaturated (the plate colour says nothing about its
 * characters, and blue/green backgrounds are rare in the recogniser's training text) and
 * scaled to the recogniser's height with Lanczos, since real crops are as small as 94×24.
 */
export async function preparePlateCrop(crop: RgbImage): Promise<RgbImage> {
  const width = Math.max(8, Math.round((crop.width * REC_HEIGHT) / crop.height));
  const { data, info } = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 3 } })
    .resize(width, REC_HEIGHT, { fit: 'fill', kernel: 'lanczos3' })
    .modulate({ saturation: 0 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Reads plate crops (one plate each) in one batch. */
export async function readPlateCrops(registry: ModelRegistry, crops: readonly RgbImage[]): Promise<(Scored<string> | null)[]> {
  const prepared = await Promise.all(crops.map(preparePlateCrop));
  return (await recognise(registry, prepared)).map((out) => decodePlate(out));
}
