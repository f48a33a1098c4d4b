/**
 * Vehicle body colour (R38). With an office colour classifier configured, its answer. Without
 * one, an honest heuristic: the dominant named colour of a region that is probably car body —
 * inside the detector's vehicle box when there is one, else just above and beside the plate
 * that was read (bumper and bonnet), else the middle of the photo. Confidence is the dominant
 * colour's share of that region, scaled down by how unsure the region is: without a vehicle
 * box or plate it cannot reach R38's 0.8, and a mixed region gives no answer at all.
 */
import type { VehicleColor } from '../domain/codes.ts';
import type { Box } from './detect/box.ts';
import { cropRgb, type RgbImage } from './image.ts';

export interface ColourEstimate {
  readonly value: VehicleColor;
  readonly confidence: number;
  readonly source: 'model' | 'heuristic';
  /** The model id, or the region the heuristic looked at. */
  readonly basis: string;
}

/** How much the region is trusted to be body paint. */
const REGION_TRUST = { vehicle: 0.95, plate: 0.9, centre: 0.6 } as const;
/** Below this share no colour dominates and no estimate is given. */
const MIN_SHARE = 0.45;

/** A named colour for one pixel (HSV rules; achromatic greys by value). */
export function nameColour(r: number, g: number, b: number): VehicleColor {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (v < 0.22) return 'BLACK';
  if (s < 0.18) return v > 0.82 ? 'WHITE' : v > 0.55 ? 'SILVER' : 'GREY';
  const d = max - min;
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  if (h < 15 || h >= 340) return 'RED';
  if (h < 45) return v < 0.6 ? 'BROWN' : h < 30 ? 'RED' : 'YELLOW';
  if (h < 70) return v < 0.45 ? 'BROWN' : 'YELLOW';
  if (h < 170) return 'GREEN';
  if (h < 260) return 'BLUE';
  return 'OTHER';
}

/** The share of each named colour in a region, largest first. */
export function colourShares(image: RgbImage): [VehicleColor, number][] {
  const counts = new Map<VehicleColor, number>();
  const { data } = image;
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels * 3; i += 3) {
    const name = nameColour(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].map(([name, n]): [VehicleColor, number] => [name, n / Math.max(1, pixels)]).sort((a, b) => b[1] - a[1]);
}

function clip(box: Box, image: RgbImage): Box | null {
  const left = Math.max(0, Math.round(box.left));
  const top = Math.max(0, Math.round(box.top));
  const width = Math.min(image.width - left, Math.round(box.width));
  const height = Math.min(image.height - top, Math.round(box.height));
  return width >= 4 && height >= 4 ? { left, top, width, height } : null;
}

/** The region to sample and how far it is trusted. */
function bodyRegion(image: RgbImage, vehicle: Box | null, plate: Box | null): { box: Box | null; trust: number; basis: string } {
  if (vehicle) {
    // The middle of the box: wheels, glass and background sit at its edges.
    const box = { left: vehicle.left + vehicle.width * 0.2, top: vehicle.top + vehicle.height * 0.35, width: vehicle.width * 0.6, height: vehicle.height * 0.35 };
    return { box: clip(box, image), trust: REGION_TRUST.vehicle, basis: 'vehicle box' };
  }
  if (plate) {
    const pw = plate.width;
    const box = { left: plate.left + pw / 2 - 1.5 * pw, top: plate.top - 1.1 * pw, width: 3 * pw, height: 0.95 * pw };
    return { box: clip(box, image), trust: REGION_TRUST.plate, basis: 'around the plate' };
  }
  const box = { left: image.width * 0.3, top: image.height * 0.4, width: image.width * 0.4, height: image.height * 0.35 };
  return { box: clip(box, image), trust: REGION_TRUST.centre, basis: 'centre of the photo' };
}

export function estimateColour(image: RgbImage, hints: { vehicle: Box | null; plate: Box | null }): ColourEstimate | null {
  const region = bodyRegion(image, hints.vehicle, hints.plate);
  if (!region.box) return null;
  const [top] = colourShares(cropRgb(image, region.box.left, region.box.top, region.box.width, region.box.height));
  if (!top || top[1] < MIN_SHARE) return null;
  return { value: top[0], confidence: Math.round(top[1] * region.trust * 10_000) / 10_000, source: 'heuristic', basis: region.basis };
}
