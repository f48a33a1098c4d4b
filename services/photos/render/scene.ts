/**
 * Rendered inspection scenes (1920×1080 JPEG): sky, buildings, ground, a car body in a seeded
 * colour and place, wheels and a plate panel, plus grain. Options put a real plate crop on the
 * panel (a plate image the caller supplies, e.g. one of ../shared/data/plates), an inspector
 * standing beside the car, and a camera timestamp strip. The bytes depend on the seed and the
 * options alone; the truth (where the plate and face are, the body colour) is returned with them.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { VehicleColor } from '../../domain/codes.ts';
import { personSvg } from './person.ts';
import { mulberry32 } from './random.ts';

/** Scenes use their own stream of the shared generator (seed mixed), apart from VIN photos. */
function prng(seed: number): () => number {
  return mulberry32(seed ^ 0x5bd1e995);
}

/** Body paints, one per colour the spec's vehicle.color can take (OTHER has no paint). */
export const BODY_PAINTS: Readonly<Record<Exclude<VehicleColor, 'OTHER'>, string>> = {
  WHITE: '#f0f0ee', BLACK: '#1a1a1c', SILVER: '#b4b8bc', GREY: '#6b6e73', RED: '#a31f24',
  BLUE: '#1f4fa3', YELLOW: '#e3b514', GREEN: '#2f6b3a', BROWN: '#6e4a2c',
};

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface SceneOptions {
  readonly width?: number;
  readonly height?: number;
  /** An encoded plate image put on the plate panel; without it the panel is blank blue. */
  readonly plate?: Buffer;
  /** Plate width in pixels on the photo (default: 16 % of the car's width). */
  readonly plateWidth?: number;
  /** An inspector standing beside the car (INSPECTOR_WITH_VEHICLE). */
  readonly inspector?: boolean;
  /** The inspector's height in pixels (default: 50–80 % of the photo's height). */
  readonly inspectorHeight?: number;
  /** Force the body colour (default: drawn from the seed). */
  readonly color?: Exclude<VehicleColor, 'OTHER'>;
  /** A camera-app timestamp strip along the bottom, as outlets' phones add. */
  readonly timestamp?: string;
  readonly quality?: number;
}

export interface RenderedScene {
  readonly jpeg: Buffer;
  readonly color: Exclude<VehicleColor, 'OTHER'>;
  /** The car body (without the cabin): where a colour estimate should look. */
  readonly body: Box;
  readonly plateBox: Box;
  /** The inspector's face, when there is one. */
  readonly face: Box | null;
}

function hex(random: () => number, low: number, high: number): string {
  const v = (): string => Math.round(low + random() * (high - low)).toString(16).padStart(2, '0');
  return `#${v()}${v()}${v()}`;
}

interface Layout {
  readonly svg: string;
  readonly body: Box;
  readonly panel: Box;
  readonly color: Exclude<VehicleColor, 'OTHER'>;
  readonly horizon: number;
  readonly free: { readonly left: number; readonly right: number };
}

/** `plateAspect`: height/width of the plate image put on the panel (null: the blank panel). */
function layout(width: number, height: number, random: () => number, options: SceneOptions, plateAspect: number | null): Layout {
  const horizon = Math.round(height * (0.35 + random() * 0.2));
  const carW = Math.round(width * (0.45 + random() * 0.25));
  const carH = Math.round(carW * (0.32 + random() * 0.08));
  const x = Math.round(random() * (width - carW));
  const y = Math.round(horizon + random() * (height - horizon - carH - 60));
  const colours = Object.keys(BODY_PAINTS) as Exclude<VehicleColor, 'OTHER'>[];
  const drawn = colours[Math.floor(random() * colours.length)] ?? 'WHITE';
  const color = options.color ?? drawn;
  const paint = BODY_PAINTS[color];
  const wheel = Math.round(carH * 0.22);
  const plateW = options.plateWidth ?? Math.round(carW * 0.16);
  const panel = { left: Math.round(x + (carW - plateW) / 2), top: Math.round(y + carH * 0.62), width: plateW, height: Math.max(8, Math.round(plateW * (plateAspect ?? 0.32))) };
  const buildings = Array.from({ length: 4 + Math.floor(random() * 5) }, () => {
    const bw = Math.round(80 + random() * 300);
    const bh = Math.round(60 + random() * horizon * 0.8);
    return `<rect x="${Math.round(random() * width)}" y="${horizon - bh}" width="${bw}" height="${bh}" fill="${hex(random, 90, 200)}"/>`;
  }).join('');
  const svg = `<rect width="${width}" height="${horizon}" fill="${hex(random, 150, 230)}"/>
  ${buildings}
  <rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${hex(random, 60, 140)}"/>
  <rect x="${x}" y="${y}" width="${carW}" height="${carH}" rx="${Math.round(carH * 0.25)}" fill="${paint}"/>
  <rect x="${x + carW * 0.2}" y="${y - carH * 0.45}" width="${carW * 0.55}" height="${carH * 0.55}" rx="${carH * 0.15}" fill="${paint}"/>
  <rect x="${x + carW * 0.25}" y="${y - carH * 0.38}" width="${carW * 0.45}" height="${carH * 0.35}" fill="#2b3540"/>
  <circle cx="${x + carW * 0.2}" cy="${y + carH}" r="${wheel}" fill="#111"/>
  <circle cx="${x + carW * 0.8}" cy="${y + carH}" r="${wheel}" fill="#111"/>
  ${plateAspect === null ? `<rect x="${panel.left}" y="${panel.top}" width="${panel.width}" height="${panel.height}" fill="#0b3ea8" stroke="#fff" stroke-width="3"/>` : ''}`;
  return { svg, body: { left: x, top: y, width: carW, height: carH }, panel, color, horizon, free: { left: x, right: width - x - carW } };
}

/** The inspector stands on the wider free side of the car, or in front of its near end. */
function inspectorSvg(scene: Layout, width: number, height: number, random: () => number, tallest?: number): { svg: string; face: Box } {
  const drawn = Math.round(height * (0.5 + random() * 0.3));
  const tall = tallest ?? drawn;
  const feet = Math.min(height - 10, scene.body.top + scene.body.height + Math.round(random() * 60));
  const side = scene.free.left > scene.free.right ? scene.free.left / 2 : width - scene.free.right / 2;
  const x = Math.max(tall * 0.2, Math.min(width - tall * 0.2, side));
  const { svg, face } = personSvg({ x, top: feet - tall, height: tall }, random);
  return { svg, face };
}

function timestampStrip(width: number, text: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48"><rect width="100%" height="100%" fill="black" fill-opacity="0.6"/>` +
      `<text x="${width - 440}" y="36" font-size="34" fill="#ffb000" font-family="DejaVu Sans Mono">${text}</text></svg>`,
  );
}

/** A scene with its truth. */
export async function renderVehicleScene(seed: number, options: SceneOptions = {}): Promise<RenderedScene> {
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const random = prng(seed);
  const plateMeta = options.plate ? await sharp(options.plate).metadata() : null;
  const scene = layout(width, height, random, options, plateMeta ? (plateMeta.height ?? 1) / (plateMeta.width ?? 1) : null);
  const person = options.inspector ? inspectorSvg(scene, width, height, random, options.inspectorHeight) : null;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${scene.svg}${person?.svg ?? ''}</svg>`;
  const base = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  // Sensor grain: without texture every flat region would be trivially compressible and blur
  // measures would see no detail at all.
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, (base[i] ?? 0) + (random() - 0.5) * 24));
  const layers: OverlayOptions[] = [];
  const plateBox: Box = scene.panel;
  if (options.plate) {
    const input = await sharp(options.plate).resize(plateBox.width, plateBox.height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer();
    layers.push({ input, left: plateBox.left, top: plateBox.top });
  }
  if (options.timestamp !== undefined) layers.push({ input: timestampStrip(width, options.timestamp), left: 0, top: height - 48 });
  const composed = sharp(base, { raw: { width, height, channels: 3 } }).blur(0.6);
  const flat = layers.length === 0 ? composed : sharp(await composed.raw().toBuffer(), { raw: { width, height, channels: 3 } }).composite(layers);
  const jpeg = await flat.jpeg({ quality: options.quality ?? 85 }).toBuffer();
  return { jpeg, color: scene.color, body: scene.body, plateBox, face: person?.face ?? null };
}

/** A 1920×1080 (or given size) JPEG scene for a seed. */
export async function renderScene(seed: number, width = 1920, height = 1080): Promise<Buffer> {
  return (await renderVehicleScene(seed, { width, height })).jpeg;
}
