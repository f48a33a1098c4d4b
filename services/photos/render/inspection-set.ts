/**
 * Rendered inspection photos of one vehicle, one per photo kind, for the simulator and the demo
 * world: 45° scenes with the record's plate legible on the plate panel (inspection-plate.ts) in
 * the record's body colour, VIN stamp and rubbing and the product nameplate in their
 * surroundings (inspection-close-ups.ts), the inspector beside the car. Made from the project's
 * own drawing code and installed fonts, so the bytes depend on the request alone; the simulator
 * adds what the capture device writes (EXIF time and GPS).
 */
import sharp from 'sharp';
import type { PhotoKind, VehicleColor } from '../../domain/codes.ts';
import { renderNameplate, renderVinCloseUp, renderVinPlate } from './inspection-close-ups.ts';
import { renderPlate } from './inspection-plate.ts';
import { mulberry32 } from './random.ts';
import { renderVehicleScene, type Box, type RenderedScene } from './scene.ts';

export { renderPlate } from './inspection-plate.ts';
export { renderNameplate } from './inspection-close-ups.ts';

export interface InspectionVehicle {
  /** Null: not yet plated (the panel stays blank). */
  readonly plate: string | null;
  readonly vin: string;
  /** Null: any paint. */
  readonly color: VehicleColor | null;
  /** Maker name printed on the nameplate. */
  readonly maker: string;
}

export interface InspectionPhotoRequest {
  /** What the photo shows (a wrong-kind photo shows another kind than it is declared as). */
  readonly shows: PhotoKind;
  readonly seed: number;
  readonly vehicle: InspectionVehicle;
  /** INSPECTOR_WITH_VEHICLE without the inspector in it. */
  readonly inspectorAbsent?: boolean;
  /** Mud over the right half of the plate: no longer legible. */
  readonly plateSmudge?: boolean;
  /** A VIN_STAMP photo of the VIN plate under the windscreen instead of the stamp. */
  readonly vinPlate?: boolean;
  /** Scene size (default 1920×1080). */
  readonly width?: number;
  readonly height?: number;
}

/** Plate width as a share of the photo width: about what a 45° photo from 3 m shows. */
const PLATE_SHARE = 0.1;

type Paint = Exclude<VehicleColor, 'OTHER'>;

/** Purple, which no named colour covers: the paint of body colour "OTHER". */
const OTHER_PAINT = [0.56, 0.3, 0.72] as const;

function inside(box: Box, x: number, y: number, margin = 0): boolean {
  return x >= box.left - margin && x < box.left + box.width + margin && y >= box.top - margin && y < box.top + box.height + margin;
}

/**
 * Body colour "OTHER": the scene is drawn white and the white paint inside the car's outline
 * (body and cabin, not the plate) is tinted purple pixel by pixel, so grain and shading stay.
 */
function paintOther(data: Buffer, width: number, height: number, scene: RenderedScene): void {
  const { body } = scene;
  const top = Math.max(0, Math.round(body.top - body.height * 0.45));
  const bottom = Math.min(height, Math.round(body.top + body.height));
  const right = Math.min(width, Math.round(body.left + body.width));
  for (let y = top; y < bottom; y++) {
    for (let x = Math.max(0, Math.round(body.left)); x < right; x++) {
      if (inside(scene.plateBox, x, y)) continue;
      const i = (y * width + x) * 3;
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      if (Math.min(r, g, b) < 200 || Math.max(r, g, b) - Math.min(r, g, b) > 30) continue;
      for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c] ?? 0) * (OTHER_PAINT[c] ?? 1));
    }
  }
}

/**
 * Shadows of things outside the frame (trees, poles, buildings) falling across the ground and
 * the background, never on the car or a face. Scenes drawn by one generator share their layout
 * — sky above, ground below, car in the middle — and so their low frequencies; the shadows give
 * each photo its own, as real photos have, so distinct photos stay apart in perceptual hash.
 */
async function castShadows(data: Buffer, width: number, height: number, scene: RenderedScene, random: () => number): Promise<void> {
  const polygons = Array.from({ length: 3 + Math.floor(random() * 3) }, () => {
    const points = Array.from({ length: 4 }, () => `${Math.round(random() * width * 1.4 - width * 0.2)},${Math.round(random() * height * 1.4 - height * 0.2)}`);
    return `<polygon points="${points.join(' ')}" fill="black" fill-opacity="${(0.2 + random() * 0.2).toFixed(2)}"/>`;
  }).join('');
  const mask = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${polygons}</svg>`))
    .greyscale().raw().toBuffer();
  const channels = mask.length / (width * height);
  // Not on the body (the colour estimate samples the paint above the plate) nor on a face.
  const car = scene.body;
  const face = scene.face;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = (mask[(y * width + x) * channels] ?? 255) / 255;
      if (light > 0.99 || inside(car, x, y, 4) || (face !== null && inside(face, x, y, face.width * 0.3))) continue;
      const i = (y * width + x) * 3;
      data[i] = Math.round((data[i] ?? 0) * light);
      data[i + 1] = Math.round((data[i + 1] ?? 0) * light);
      data[i + 2] = Math.round((data[i + 2] ?? 0) * light);
    }
  }
}

/** A splash of dried mud covering the right part of a plate. */
function smudge(plate: Box, random: () => number): Buffer {
  const w = Math.round(plate.width * 0.62);
  const h = Math.round(plate.height * 1.2);
  const blobs = Array.from({ length: 6 }, () => `<ellipse cx="${(w * (0.15 + random() * 0.7)).toFixed(0)}" cy="${(h * (0.3 + random() * 0.4)).toFixed(0)}" rx="${(w * (0.2 + random() * 0.2)).toFixed(0)}" ry="${(h * (0.3 + random() * 0.2)).toFixed(0)}" fill="#5b4631" fill-opacity="0.93"/>`).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${blobs}</svg>`);
}

/** Whether the inspector's whole face is inside the photo (a cut-off head finds no face). */
function faceInFrame(scene: RenderedScene, width: number, height: number): boolean {
  const f = scene.face;
  return f !== null && f.top >= 0 && f.left >= 0 && f.left + f.width <= width && f.top + f.height <= height;
}

async function scenePhoto(request: InspectionPhotoRequest, inspector: boolean): Promise<Buffer> {
  const width = request.width ?? 1920;
  const height = request.height ?? 1080;
  const { plate, color } = request.vehicle;
  const paint: Paint | undefined = color === 'OTHER' ? 'WHITE' : (color ?? undefined);
  const options = {
    width, height, inspector,
    ...(plate !== null ? { plate: await renderPlate(plate), plateWidth: Math.round(width * PLATE_SHARE) } : {}),
    ...(paint ? { color: paint } : {}),
  };
  // An inspector standing too tall for the frame loses their head: that layout is drawn again.
  let scene = await renderVehicleScene(request.seed, options);
  for (let retry = 1; inspector && !faceInFrame(scene, width, height) && retry < 8; retry++) scene = await renderVehicleScene(request.seed + retry * 7919, options);
  const { data } = await sharp(scene.jpeg).raw().toBuffer({ resolveWithObject: true });
  if (color === 'OTHER') paintOther(data, width, height, scene);
  await castShadows(data, width, height, scene, mulberry32(request.seed ^ 0x68e31da4));
  const photo = sharp(data, { raw: { width, height, channels: 3 } });
  if (request.plateSmudge && plate !== null) photo.composite([{ input: smudge(scene.plateBox, mulberry32(request.seed)), left: Math.round(scene.plateBox.left + scene.plateBox.width * 0.35), top: Math.max(0, Math.round(scene.plateBox.top - scene.plateBox.height * 0.1)) }]);
  return photo.jpeg({ quality: 88 }).toBuffer();
}

/** A photo showing `request.shows`, as a JPEG. */
export async function renderInspectionPhoto(request: InspectionPhotoRequest): Promise<Buffer> {
  const { vehicle, seed } = request;
  switch (request.shows) {
    case 'VIN_STAMP':
      return request.vinPlate ? renderVinPlate(vehicle.vin, seed) : renderVinCloseUp(vehicle.vin, seed, 'stamp');
    case 'VIN_RUBBING':
      return renderVinCloseUp(vehicle.vin, seed, 'rubbing');
    case 'NAMEPLATE':
    case 'ENGINE_NUMBER':
      return renderNameplate(vehicle.vin, vehicle.maker, seed);
    case 'INSPECTOR_WITH_VEHICLE':
      return scenePhoto(request, request.inspectorAbsent !== true);
    default:
      return scenePhoto(request, false);
  }
}
