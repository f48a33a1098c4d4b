/**
 * Plate and VIN reading on one photo: text lines found by the detector (or the whole image,
 * when it is itself one line), turned upright where the direction classifier says so, read by
 * the recogniser in width-sorted batches, decoded under the plate and VIN grammars.
 *
 * Plate-shaped lines are read as plates (read-plate.ts: several framings, plate colour); long
 * lines are read as VIN candidates only when a VIN is wanted — or, on exterior photos, when no
 * plate was found, since a VIN there is evidence the photo is not what it was declared to be.
 */
import type { Box } from '../detect/box.ts';
import { resizeRgb, type RgbImage } from '../image.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { decodeVin, type VinRead } from '../vin.ts';
import { detectText, mergeLines, type TextBox } from './detect.ts';
import { grow, readPlateCrop, readPlateOnPhoto, type PlateFinding } from './read-plate.ts';
import { lineOrientations } from './direction.ts';
import { greedyDecode, recognise, type CtcOutput } from './recognise.ts';

export interface TextWanted {
  readonly plate: boolean;
  readonly vin: boolean;
  /** Read long lines for a VIN when no plate was found (evidence of the photo's kind). */
  readonly vinWhenNoPlate: boolean;
}

export interface TextFindings {
  readonly plate: PlateFinding | null;
  readonly vin: (VinRead & { readonly box: Box }) | null;
  /** Text lines the detector found. */
  readonly lines: number;
}

/** Width/height of a plate line: 440×140 mm plates, detector margins, tight crops (94×24). */
const PLATE_ASPECT = { min: 1.2, max: 8 };
/** A 17-character VIN line is long: a line this much wider than tall may hold one. */
const VIN_MIN_ASPECT = 5;
/** Plate and VIN lines read per look, at most. */
const MAX_LINES = 8;

/**
 * A whole image this shape and size is one text line (a plate or VIN crop sent on its own): it
 * is read whole, since the detector's boxes on a tight crop clip the edge characters. Scene
 * photos are far taller than 100 pixels.
 */
function isLineCrop(image: RgbImage): boolean {
  return image.width / image.height >= 2 && image.height <= 100;
}

interface Line {
  readonly box: Box;
  readonly pixels: RgbImage;
}

/** A VIN line: the detector's (unclipped) box with 15 % of its height around it. */
async function vinLine(image: RgbImage, box: TextBox): Promise<Line> {
  const region = grow(image, box, 0.15 * box.height, 0.15 * box.height);
  return { box: region, pixels: await resizeRgb(image, region.width, region.height, region) };
}

/**
 * Reads every line in every orientation offered, in one recogniser pass, and keeps per line
 * the orientation the recogniser is surer of. `prepare` turns a line into recogniser input.
 */
async function readUpright(registry: ModelRegistry, lines: readonly Line[], prepare: (line: RgbImage) => Promise<RgbImage>): Promise<CtcOutput[]> {
  if (lines.length === 0) return [];
  const options = await lineOrientations(registry, lines.map((l) => l.pixels));
  const flat = await Promise.all(options.flat().map(prepare));
  const outputs = await recognise(registry, flat);
  let at = 0;
  return options.map((offered) => {
    const mine = outputs.slice(at, at + offered.length);
    at += offered.length;
    return mine.reduce((best, out) => (greedyDecode(out).confidence > greedyDecode(best).confidence ? out : best));
  });
}

/** The best VIN of the lines: a valid check digit first, then confidence (as vin.ts bestVin). */
async function readVin(registry: ModelRegistry, lines: readonly Line[]): Promise<TextFindings['vin']> {
  const outputs = await readUpright(registry, lines, async (line) => line);
  const reads = outputs.flatMap((out, i) => {
    const read = decodeVin(out);
    const line = lines[i];
    return read && line ? [{ ...read, box: line.box }] : [];
  });
  reads.sort((a, b) => Number(b.checkDigitValid) - Number(a.checkDigitValid) || b.confidence - a.confidence);
  return reads[0] ?? null;
}

/** The detector's first look is at this side; the manifest's (larger) side only when it must. */
const FIRST_LOOK_SIDE = 640;
/** A plate read at least this surely needs no second look. */
const SURE_PLATE = 0.7;

/**
 * One look at the photo at a detector side: its lines, the plate and (when asked for) the VIN.
 * `preview`: the photo's shared reduced copy (image.ts previewOf), for the plate-colour search.
 */
async function look(registry: ModelRegistry, image: RgbImage, wanted: TextWanted, preview: RgbImage | null, side?: number): Promise<TextFindings> {
  const boxes = mergeLines(await detectText(registry, image, side)).filter((box) => box.width >= box.height);
  const aspect = (box: TextBox): number => box.width / box.height;
  // The surest lines first, and only so many: a photo of noise or of a page of text must not
  // turn into hundreds of recogniser inputs.
  const likeliest = (list: TextBox[]): TextBox[] => list.sort((a, b) => b.score - a.score).slice(0, MAX_LINES);
  const plateBoxes = likeliest(boxes.filter((box) => aspect(box) >= PLATE_ASPECT.min && aspect(box) <= PLATE_ASPECT.max));
  const plate = wanted.plate ? await readPlateOnPhoto(registry, image, plateBoxes, preview) : null;
  const readVins = wanted.vin || (wanted.vinWhenNoPlate && plate === null);
  const vinBoxes = readVins ? likeliest(boxes.filter((box) => aspect(box) >= VIN_MIN_ASPECT)) : [];
  const vin = readVins ? await readVin(registry, await Promise.all(vinBoxes.map((box) => vinLine(image, box)))) : null;
  return { plate, vin, lines: boxes.length };
}

/**
 * Plate and VIN on a photo. The detector looks first at 640 px, which finds the text of most
 * photos at less than half the cost of its full side; when a wanted plate or VIN is not read
 * surely there (small or blurred characters), it looks again at its full side (960 px), whose
 * reading is kept when it has one.
 */
export async function readText(registry: ModelRegistry, image: RgbImage, wanted: TextWanted, preview: RgbImage | null = null): Promise<TextFindings> {
  if (isLineCrop(image)) {
    const line: Line = { box: { left: 0, top: 0, width: image.width, height: image.height }, pixels: image };
    const plate = wanted.plate ? await readPlateCrop(registry, image) : null;
    const vin = wanted.vin || (wanted.vinWhenNoPlate && plate === null) ? await readVin(registry, [line]) : null;
    return { plate, vin, lines: 1 };
  }
  const first = await look(registry, image, wanted, preview, FIRST_LOOK_SIDE);
  const plateUnsure = wanted.plate && (first.plate === null || first.plate.confidence < SURE_PLATE);
  const vinUnsure = wanted.vin && (first.vin === null || !first.vin.checkDigitValid);
  if (!plateUnsure && !vinUnsure) return first;
  const second = await look(registry, image, { plate: plateUnsure, vin: vinUnsure, vinWhenNoPlate: false }, preview);
  return {
    // The finer look is the better judge of what the first look was unsure of.
    plate: plateUnsure ? (second.plate ?? first.plate) : first.plate,
    vin: vinUnsure ? (second.vin && (second.vin.checkDigitValid || first.vin === null) ? second.vin : first.vin) : first.vin,
    lines: Math.max(first.lines, second.lines),
  };
}
