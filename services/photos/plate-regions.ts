/**
 * Where a plate may be, by its colour. Chinese civilian plates are blue (white characters),
 * yellow (black characters) or new-energy green (a light green to white gradient), and a plate
 * is a solid patch of that colour about three times wider than tall. This finds such patches on
 * a small copy of the photo — a cheap proposal that does not depend on the text detector
 * seeing small or blurred characters; the regions are then read at full resolution.
 */
import type { Box } from './detect/box.ts';
import type { RgbImage } from './image.ts';
import { labelledRegions } from './labelled-regions.ts';

/** Plate colours in HSV: hue range (degrees), least saturation and value. */
const PLATE_COLOURS = [
  { hue: [195, 250], s: 0.45, v: 0.2 }, // blue
  { hue: [30, 62], s: 0.45, v: 0.45 }, // yellow
  { hue: [70, 170], s: 0.2, v: 0.45 }, // new-energy green
] as const;

/** Plate-like: width/height, share of the box in the plate colour, smallest width (small-copy pixels). */
const ASPECT = { min: 1.5, max: 6.5 };
const MIN_FILL = 0.3;
const MIN_WIDTH = 14;
/** A patch bigger than this share of the photo is a car body or a wall, not a plate. */
const MAX_AREA = 0.04;
/** Patches smaller than this (small-copy pixels) are ignored; at most this many are joined. */
const MIN_PATCH = 8;
const MAX_PATCHES = 200;

function plateColourOf(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === 0 || max === min) return -1;
  const s = (max - min) / max;
  const v = max / 255;
  const d = max - min;
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  return PLATE_COLOURS.findIndex((c) => h >= c.hue[0] && h <= c.hue[1] && s >= c.s && v >= c.v);
}

export type PlateColour = 'blue' | 'yellow' | 'green';
const COLOUR_NAMES: readonly PlateColour[] = ['blue', 'yellow', 'green'];

/**
 * The plate colour of a plate crop: the plate colour covering the most of it, when it covers at
 * least a quarter (characters and frame take the rest); null when none does. GA 36 ties the
 * length to it: blue and yellow plates carry 7 characters, new-energy green ones 8.
 */
export function plateColour(crop: RgbImage): PlateColour | null {
  const counts = [0, 0, 0];
  const pixels = crop.width * crop.height;
  for (let i = 0; i < pixels; i++) {
    const c = plateColourOf(crop.data[i * 3] ?? 0, crop.data[i * 3 + 1] ?? 0, crop.data[i * 3 + 2] ?? 0);
    if (c >= 0) counts[c] = (counts[c] ?? 0) + 1;
  }
  const best = counts.indexOf(Math.max(...counts));
  return (counts[best] ?? 0) >= 0.25 * pixels ? (COLOUR_NAMES[best] ?? null) : null;
}

/**
 * Characters a plate of this colour may carry. Only blue and yellow narrow it (to 7): white
 * characters on a tinted photo of a blue plate can read as greenish, so green keeps both.
 */
export function plateLengths(colour: PlateColour | null): readonly number[] {
  return colour === 'blue' || colour === 'yellow' ? [7] : [7, 8];
}

/** Connected patches (4-neighbour) of each plate colour; their boxes and pixel counts. */
function patches(image: RgbImage): { box: Box; pixels: number; colour: number }[] {
  const { width: w, height: h, data } = image;
  const label = new Int8Array(w * h);
  for (let i = 0; i < w * h; i++) label[i] = plateColourOf(data[i * 3] ?? 0, data[i * 3 + 1] ?? 0, data[i * 3 + 2] ?? 0);
  return labelledRegions(label, w, h).map((r) => ({ box: { left: r.left, top: r.top, width: r.width, height: r.height }, pixels: r.pixels, colour: r.label }));
}

/** Patches of one colour side by side on a line (a plate split by a shadow or a bolt) as one. */
function joinNeighbours(list: { box: Box; pixels: number; colour: number }[]): { box: Box; pixels: number; colour: number }[] {
  const out = [...list];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i] as (typeof out)[number];
        const b = out[j] as (typeof out)[number];
        const overlap = Math.min(a.box.top + a.box.height, b.box.top + b.box.height) - Math.max(a.box.top, b.box.top);
        const gap = Math.max(a.box.left, b.box.left) - Math.min(a.box.left + a.box.width, b.box.left + b.box.width);
        const h = Math.max(a.box.height, b.box.height);
        if (a.colour !== b.colour || overlap < 0.5 * Math.min(a.box.height, b.box.height) || gap > 0.3 * h) continue;
        const left = Math.min(a.box.left, b.box.left);
        const top = Math.min(a.box.top, b.box.top);
        const box = { left, top, width: Math.max(a.box.left + a.box.width, b.box.left + b.box.width) - left, height: Math.max(a.box.top + a.box.height, b.box.top + b.box.height) - top };
        out.splice(j, 1);
        out[i] = { box, pixels: a.pixels + b.pixels, colour: a.colour };
        merged = true;
      }
    }
  }
  return out;
}

/** Share of a box's pixels that could be characters: near-white or near-black, unsaturated. */
function characterShare(image: RgbImage, box: Box): number {
  let n = 0;
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left; x < box.left + box.width; x++) {
      const i = (y * image.width + x) * 3;
      const max = Math.max(image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0);
      const min = Math.min(image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0);
      if ((max > 170 && max - min < 0.35 * max) || max < 60) n++;
    }
  }
  return n / Math.max(1, box.width * box.height);
}

/**
 * Plate-coloured, plate-shaped patches of `small` (a reduced copy of the photo), as boxes in
 * the photo's pixels (`scale` = small width / photo width), the likeliest plate first: a plate
 * carries characters, a painted wall or a blue car door does not.
 */
export function plateRegions(small: RgbImage, scale: number): Box[] {
  const area = small.width * small.height;
  // Specks (noise, sensor grain) are no plates and would make the joining quadratic in them.
  const substantial = patches(small).filter((p) => p.pixels >= MIN_PATCH).sort((a, b) => b.pixels - a.pixels).slice(0, MAX_PATCHES);
  return joinNeighbours(substantial)
    .filter(({ box, pixels }) => {
      const aspect = box.width / box.height;
      return box.width >= MIN_WIDTH && aspect >= ASPECT.min && aspect <= ASPECT.max
        && pixels / (box.width * box.height) >= MIN_FILL && box.width * box.height <= MAX_AREA * area;
    })
    .map((p) => ({ ...p, characters: characterShare(small, p.box) }))
    .filter((p) => p.characters >= 0.04)
    .sort((a, b) => b.characters - a.characters)
    .map(({ box }) => ({ left: box.left / scale, top: box.top / scale, width: box.width / scale, height: box.height / scale }));
}
