/**
 * Plate reading on a photo. Where a plate line is cut matters more than anything else to the
 * recogniser (a tight crop of a rendered scene's plate reads as well as the original crop; the
 * detector's margins do not), so each plate-shaped line the detector found is read in three
 * framings around its text kernel and the framings vote: per reading, the mean of its share of
 * probability over the framings. When the detector yields no sure plate (small or blurred
 * characters it does not see), patches of plate colour (plate-regions.ts) are read as well.
 */
import type { Scored } from '../../risk/photo-findings.ts';
import type { Box } from '../detect/box.ts';
import { previewOf, resizeRgb, type RgbImage } from '../image.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { plateCandidates, preparePlateCrop } from '../plate.ts';
import { plateColour, plateLengths, plateRegions } from '../plate-regions.ts';
import { normalisePlate } from '../../domain/normalise.ts';
import type { TextBox } from './detect.ts';
import { lineOrientations } from './direction.ts';
import { greedyDecode, recognise, type CtcOutput } from './recognise.ts';

export type PlateFinding = Scored<string> & { readonly box: Box };

/** Margins around the text kernel, in kernel heights: sideways, up and down. */
const FRAMINGS: readonly (readonly [number, number])[] = [[0.25, 0.3], [0.4, 0.5], [0.6, 0.75]];
/** Below this the detector's reading is not trusted alone and colour patches are read too. */
const SURE_ENOUGH = 0.5;
/** Colour proposals read at most (the likeliest first). */
const MAX_PROPOSALS = 4;

/** A region grown by margins (in pixels) and clipped to the photo. */
export function grow(image: RgbImage, box: Box, marginX: number, marginY: number): Box {
  const left = Math.max(0, Math.round(box.left - marginX));
  const top = Math.max(0, Math.round(box.top - marginY));
  const width = Math.max(1, Math.min(image.width - left, Math.round(box.width + 2 * marginX)));
  const height = Math.max(1, Math.min(image.height - top, Math.round(box.height + 2 * marginY)));
  return { left, top, width, height };
}

/** One plate candidate seen in one or more framings. */
interface Framed {
  readonly box: Box;
  readonly crops: readonly RgbImage[];
}

/** Characters the greedy decode sees, separators aside: a plate has 7 or 8 (6–10 with misreads). */
function plateLength(out: CtcOutput): number {
  return Array.from(greedyDecode(out).text.replace(/[\s·•\-:：.]/g, '')).length;
}

/** The framings' vote: per reading, the mean over framings of its share of probability. */
function vote(outputs: readonly CtcOutput[], crops: readonly RgbImage[]): Scored<string> | null {
  const votes = new Map<string, number>();
  outputs.forEach((out, i) => {
    const n = plateLength(out);
    if (n < 6 || n > 10) return;
    const crop = crops[i];
    for (const c of plateCandidates(out, plateLengths(crop ? plateColour(crop) : null))) votes.set(c.text, (votes.get(c.text) ?? 0) + c.posterior);
  });
  const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  if (!best) return null;
  return { value: normalisePlate(best[0]) ?? best[0], confidence: Math.round((best[1] / outputs.length) * 10_000) / 10_000 };
}

/** Reads every candidate's framings in one recogniser pass; the surest candidate's vote wins. */
export async function readPlateCandidates(registry: ModelRegistry, candidates: readonly Framed[]): Promise<PlateFinding | null> {
  const prepared = await Promise.all(candidates.flatMap((c) => c.crops.map(preparePlateCrop)));
  const outputs = await recognise(registry, prepared);
  let at = 0;
  let best: PlateFinding | null = null;
  for (const candidate of candidates) {
    const n = candidate.crops.length;
    const read = vote(outputs.slice(at, at + n), candidate.crops);
    at += n;
    if (read && (!best || read.confidence > best.confidence)) best = { ...read, box: candidate.box };
  }
  return best;
}

/**
 * A plate crop sent on its own (it may be turned): the orientations the direction classifier
 * offers are read and the one the recogniser is surer of is decoded.
 */
export async function readPlateCrop(registry: ModelRegistry, image: RgbImage): Promise<PlateFinding | null> {
  const options = (await lineOrientations(registry, [image]))[0] ?? [image];
  const outputs = await recognise(registry, await Promise.all(options.map(preparePlateCrop)));
  let chosen = 0;
  outputs.forEach((out, i) => {
    if (greedyDecode(out).confidence > greedyDecode(outputs[chosen] as CtcOutput).confidence) chosen = i;
  });
  const read = vote([outputs[chosen] as CtcOutput], [options[chosen] as RgbImage]);
  return read ? { ...read, box: { left: 0, top: 0, width: image.width, height: image.height } } : null;
}

async function framingsOf(image: RgbImage, line: TextBox): Promise<Framed> {
  const k = line.kernel ?? line;
  const boxes = FRAMINGS.map(([x, y]) => grow(image, k, x * k.height, y * k.height));
  return { box: boxes[1] ?? line, crops: await Promise.all(boxes.map((b) => resizeRgb(image, b.width, b.height, b))) };
}

/** Plate-coloured patches of the preview, cropped at full resolution just outside their edges. */
async function colourCandidates(image: RgbImage, preview: RgbImage | null): Promise<Framed[]> {
  const small = preview ?? (await previewOf(image));
  const scale = small.width / image.width;
  return Promise.all(plateRegions(small, scale).slice(0, MAX_PROPOSALS).map(async (r) => {
    // Tight, and wider sideways: part of a plate (its province character, a shadowed end) may
    // lack the colour; the widest framing adds on each side what a 4:1 plate would still miss.
    const missing = Math.max(0.6 * r.height, 4 * r.height - r.width);
    const boxes = [grow(image, r, 0.05 * r.height, 0.05 * r.height), grow(image, r, 0.6 * r.height, 0.1 * r.height), grow(image, r, missing, 0.1 * r.height)];
    return { box: boxes[0] ?? r, crops: await Promise.all(boxes.map((b) => resizeRgb(image, b.width, b.height, b))) };
  }));
}

/** The plate on a photo, from the detector's plate-shaped lines, else from colour patches. */
export async function readPlateOnPhoto(registry: ModelRegistry, image: RgbImage, lines: readonly TextBox[], preview: RgbImage | null = null): Promise<PlateFinding | null> {
  const detected = await readPlateCandidates(registry, await Promise.all(lines.map((line) => framingsOf(image, line))));
  if (detected && detected.confidence >= SURE_ENOUGH) return detected;
  const proposed = await readPlateCandidates(registry, await colourCandidates(image, preview));
  return proposed && proposed.confidence > (detected?.confidence ?? 0) ? proposed : detected;
}
