/**
 * PP-OCR text recogniser: crops resized to the model's height (48), batched with zero padding,
 * out come per-frame CTC class probabilities that the decoders (greedy, grammar) read.
 */
import ort from 'onnxruntime-node';
import { resizeRgb, type RgbImage } from '../image.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { writeChw } from './tensor.ts';

export const REC_MODEL = 'ppocr-v4-rec';

/** CTC output of one line: `frames` rows of `classes` probabilities. */
export interface CtcOutput {
  readonly frames: number;
  readonly classes: number;
  readonly probs: Float32Array;
  /** Class index → character ('' for the blank). */
  readonly alphabet: readonly string[];
}

/** A wide line would make one huge tensor; PaddleOCR caps the ratio the same way. */
const MAX_WIDTH = 1600;

/** Lines batched together differ in width by at most this factor (the rest is padding work). */
const BATCH_WIDTH_RATIO = 1.6;
const MAX_BATCH = 16;

/** Groups of indices whose resized widths are alike, so padding to the widest wastes little. */
function widthGroups(widths: readonly number[]): number[][] {
  const order = widths.map((_, i) => i).sort((a, b) => (widths[a] ?? 0) - (widths[b] ?? 0));
  const groups: number[][] = [];
  for (const i of order) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first !== undefined && group.length < MAX_BATCH && (widths[i] ?? 0) <= (widths[first] ?? 0) * BATCH_WIDTH_RATIO) group.push(i);
    else groups.push([i]);
  }
  return groups;
}

async function runBatch(registry: ModelRegistry, images: readonly RgbImage[]): Promise<CtcOutput[]> {
  const { session, manifest } = await registry.model(REC_MODEL);
  const alphabet = await registry.labelsOf(REC_MODEL);
  const height = manifest.input.height ?? 48;
  const step = manifest.input.multipleOf ?? 8;
  const width = Math.ceil(Math.max(...images.map((img) => img.width)) / step) * step;
  const sample = 3 * height * width;
  const input = new Float32Array(sample * images.length);
  images.forEach((img, i) => writeChw(img, manifest, input, i * sample, width));
  const result = await session.run({ [manifest.input.name]: new ort.Tensor('float32', input, [images.length, 3, height, width]) });
  const output = result[manifest.output.name];
  if (!output) throw new Error(`model ${REC_MODEL}: no output ${manifest.output.name}`);
  const [, frames = 0, classes = 0] = output.dims;
  const data = output.data as Float32Array;
  return images.map((img, i) => {
    // Frames past the crop's own width only saw padding; dropping them avoids phantom characters.
    const own = Math.min(frames, Math.ceil((img.width / width) * frames));
    const probs = data.subarray(i * frames * classes, (i * frames + own) * classes);
    return { frames: own, classes, probs, alphabet };
  });
}

/** CTC outputs of text-line crops, in their order; lines of similar width run as one batch. */
export async function recognise(registry: ModelRegistry, crops: readonly RgbImage[]): Promise<CtcOutput[]> {
  if (crops.length === 0) return [];
  const { manifest } = await registry.model(REC_MODEL);
  const height = manifest.input.height ?? 48;
  const step = manifest.input.multipleOf ?? 8;
  const resized = await Promise.all(
    crops.map((crop) => {
      if (crop.height === height && crop.width <= MAX_WIDTH) return crop;
      const width = Math.min(MAX_WIDTH, Math.max(step, Math.round((crop.width * height) / crop.height)));
      return resizeRgb(crop, width, height);
    }),
  );
  const outputs: CtcOutput[] = new Array<CtcOutput>(crops.length);
  for (const group of widthGroups(resized.map((img) => img.width))) {
    const batch = await runBatch(registry, group.map((i) => resized[i] as RgbImage));
    group.forEach((i, k) => {
      outputs[i] = batch[k] as CtcOutput;
    });
  }
  return outputs;
}

/** PaddleOCR's greedy decode: best class per frame, collapse repeats, drop blanks. */
export function greedyDecode(ctc: CtcOutput): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < ctc.frames; t++) {
    let best = 0;
    let bestP = -1;
    const row = t * ctc.classes;
    for (let c = 0; c < ctc.classes; c++) {
      const p = ctc.probs[row + c] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += ctc.alphabet[best] ?? '';
      sum += bestP;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count === 0 ? 0 : sum / count };
}
