/**
 * PP-OCR text detector (DB): the image resized to multiples of 32, out comes a text probability
 * map; connected regions above the threshold become boxes, grown back by the DB "unclip"
 * distance since the model is trained to predict a shrunk text kernel.
 *
 * Boxes are axis-aligned: inspection photos are taken upright and the lines the checks read
 * (plates, VINs) are horizontal; rotated text is left to the direction classifier / reviewers.
 */
import ort from 'onnxruntime-node';
import { resizeRgb, type RgbImage } from '../image.ts';
import { labelledRegions } from '../labelled-regions.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { writeChw } from './tensor.ts';

export const DET_MODEL = 'ppocr-v4-det';

export interface TextBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Mean text probability inside the region. */
  readonly score: number;
  /** The thresholded region itself, before the unclip margin (photo pixels). */
  readonly kernel?: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
}

/** PaddleOCR's defaults for DB post-processing. */
const PIXEL_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
const MIN_SIDE = 3;

function inputSize(width: number, height: number, maxSide: number, step: number): [number, number] {
  const ratio = Math.min(1, maxSide / Math.max(width, height));
  const fit = (v: number): number => Math.max(step, Math.round((v * ratio) / step) * step);
  return [fit(width), fit(height)];
}

/** Text boxes on the photo, read at `maxSide` (default: the manifest's largest side). */
export async function detectText(registry: ModelRegistry, image: RgbImage, maxSide?: number): Promise<TextBox[]> {
  const { session, manifest } = await registry.model(DET_MODEL);
  const side = Math.min(maxSide ?? Infinity, manifest.input.maxSide ?? 960);
  const [w, h] = inputSize(image.width, image.height, side, manifest.input.multipleOf ?? 32);
  const resized = await resizeRgb(image, w, h);
  const input = new Float32Array(3 * w * h);
  writeChw(resized, manifest, input, 0, w);
  const result = await session.run({ [manifest.input.name]: new ort.Tensor('float32', input, [1, 3, h, w]) });
  const map = result[manifest.output.name];
  if (!map) throw new Error(`model ${DET_MODEL}: no output ${manifest.output.name}`);
  const boxes = regions(map.data as Float32Array, w, h);
  const sx = image.width / w;
  const sy = image.height / h;
  return boxes.map((box) => {
    const k = box.kernel ?? box;
    const kernel = { left: k.left * sx, top: k.top * sy, width: k.width * sx, height: k.height * sy };
    return { ...clampBox(image, { ...box, left: box.left * sx, top: box.top * sy, width: box.width * sx, height: box.height * sy }), kernel };
  });
}

function clampBox(image: RgbImage, box: TextBox): TextBox {
  const left = Math.max(0, Math.floor(box.left));
  const top = Math.max(0, Math.floor(box.top));
  const right = Math.min(image.width, Math.ceil(box.left + box.width));
  const bottom = Math.min(image.height, Math.ceil(box.top + box.height));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top), score: box.score };
}

/** Connected regions (4-neighbour flood fill) of the thresholded map, unclipped. */
function regions(prob: Float32Array, w: number, h: number): TextBox[] {
  const above = new Int8Array(w * h);
  for (let i = 0; i < above.length; i++) above[i] = (prob[i] ?? 0) > PIXEL_THRESHOLD ? 0 : -1;
  const boxes: TextBox[] = [];
  for (const r of labelledRegions(above, w, h, prob)) {
    const score = r.weight / r.pixels;
    if (Math.min(r.width, r.height) < MIN_SIDE || score < BOX_THRESHOLD) continue;
    const d = (r.width * r.height * UNCLIP_RATIO) / (2 * (r.width + r.height));
    boxes.push({ left: r.left - d, top: r.top - d, width: r.width + 2 * d, height: r.height + 2 * d, score, kernel: { left: r.left, top: r.top, width: r.width, height: r.height } });
  }
  return boxes;
}

type Rect = NonNullable<TextBox['kernel']>;

function union(a: Rect, b: Rect): Rect {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return { left, top, width: Math.max(a.left + a.width, b.left + b.width) - left, height: Math.max(a.top + a.height, b.top + b.height) - top };
}

/** Horizontal gap, in line heights, across which two pieces still belong to one line. */
const MAX_GAP = 1.5;

/**
 * Boxes of alike height that overlap vertically by more than half and sit close side by side
 * (a plate's province character and serial, a VIN split at a gap) merged into one line each,
 * top to bottom. Text far away at the same height (a shop sign level with the plate) and a
 * much taller region beside a line (a window the detector took for text) stay apart.
 */
export function mergeLines(boxes: readonly TextBox[]): TextBox[] {
  const lines: TextBox[] = [];
  for (const box of [...boxes].sort((a, b) => a.left - b.left)) {
    const index = lines.findIndex((line) => {
      const overlap = Math.min(line.top + line.height, box.top + box.height) - Math.max(line.top, box.top);
      const gap = box.left - (line.left + line.width);
      const alike = Math.min(line.height, box.height) >= 0.5 * Math.max(line.height, box.height);
      return alike && overlap > 0.5 * Math.min(line.height, box.height) && gap <= MAX_GAP * Math.max(line.height, box.height);
    });
    const line = lines[index];
    if (!line) {
      lines.push(box);
      continue;
    }
    const left = Math.min(line.left, box.left);
    const top = Math.min(line.top, box.top);
    const right = Math.max(line.left + line.width, box.left + box.width);
    const bottom = Math.max(line.top + line.height, box.top + box.height);
    lines[index] = { left, top, width: right - left, height: bottom - top, score: Math.min(line.score, box.score), kernel: union(line.kernel ?? line, box.kernel ?? box) };
  }
  return lines.sort((a, b) => a.top - b.top);
}
