/**
 * Persons by their faces: MediaPipe BlazeFace (the back-camera model, trained for faces further
 * from the camera than the selfie model). Our own pre- and post-processing: the photo is read
 * whole (letterboxed) and, for faces too small at that scale, as overlapping square tiles;
 * every anchor of the model's grids is decoded (centre offset and size relative to the anchor,
 * in input pixels), and the detections of all views are merged by weighted NMS.
 */
import { cropRgb, resizeRgb, type RgbImage } from '../image.ts';
import type { ModelManifest } from '../models/manifest.ts';
import type { FaceDecoding } from '../models/manifest-tasks.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { clipBox, weightedNms, type Scored2d } from '../detect/box.ts';
import { fitImage, imageTensor, toPhoto, type Placement } from '../detect/input.ts';

interface View {
  readonly pixels: RgbImage;
  readonly placement: Placement;
}

/** Tile origins along one axis: evenly stepped, the last flush with the far edge. */
function origins(length: number, tile: number, step: number): number[] {
  if (length <= tile) return [0];
  const out: number[] = [];
  for (let at = 0; at + tile < length; at += step) out.push(at);
  out.push(length - tile);
  return out;
}

/**
 * The photo scaled so that a tile of `tileFraction` of its shorter side becomes one model
 * input, cut into overlapping inputs. Skipped when the photo is already about input-sized.
 */
async function tileViews(image: RgbImage, size: number, tiling: NonNullable<FaceDecoding['tiling']>): Promise<View[]> {
  const tile = Math.round(Math.min(image.width, image.height) * tiling.tileFraction);
  if (tile < size) return [];
  const scale = size / tile;
  const scaled = await resizeRgb(image, Math.max(size, Math.round(image.width * scale)), Math.max(size, Math.round(image.height * scale)));
  const step = Math.max(1, Math.round(size * (1 - tiling.overlap)));
  const views: View[] = [];
  for (const top of origins(scaled.height, size, step)) {
    for (const left of origins(scaled.width, size, step)) {
      const placement = { scaleX: scaled.width / image.width, scaleY: scaled.height / image.height, padX: -left, padY: -top };
      views.push({ pixels: cropRgb(scaled, left, top, size, size), placement });
    }
  }
  return views;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Every anchor above the score threshold, as a box in model-input pixels. */
export function decodeAnchors(outputs: Readonly<Record<string, Float32Array>>, decoding: FaceDecoding, inputWidth: number, inputHeight: number): Scored2d[] {
  const found: Scored2d[] = [];
  for (const layer of decoding.layers) {
    const scores = outputs[layer.scores];
    const boxes = outputs[layer.boxes];
    if (!scores || !boxes) throw new Error(`face detector outputs ${layer.scores} / ${layer.boxes} missing`);
    for (let cell = 0; cell < layer.grid * layer.grid; cell++) {
      const ax = ((cell % layer.grid) + 0.5) / layer.grid;
      const ay = (Math.floor(cell / layer.grid) + 0.5) / layer.grid;
      for (let a = 0; a < layer.anchorsPerCell; a++) {
        const i = cell * layer.anchorsPerCell + a;
        const logit = Math.max(-decoding.scoreClip, Math.min(decoding.scoreClip, scores[i] ?? -Infinity));
        const confidence = sigmoid(logit);
        if (confidence < decoding.minScore) continue;
        const r = i * decoding.valuesPerAnchor;
        const cx = ax + (boxes[r] ?? 0) / decoding.boxScale;
        const cy = ay + (boxes[r + 1] ?? 0) / decoding.boxScale;
        const w = (boxes[r + 2] ?? 0) / decoding.boxScale;
        const h = (boxes[r + 3] ?? 0) / decoding.boxScale;
        found.push({ confidence, box: { left: (cx - w / 2) * inputWidth, top: (cy - h / 2) * inputHeight, width: w * inputWidth, height: h * inputHeight } });
      }
    }
  }
  return found;
}

/** Faces on the photo, best first, boxes in photo pixels. */
export async function detectFaces(registry: ModelRegistry, manifest: ModelManifest, image: RgbImage): Promise<Scored2d[]> {
  const decoding = manifest.faceDecoding;
  if (!decoding) throw new Error(`model ${manifest.id}: no faceDecoding`);
  const { session } = await registry.model(manifest.id);
  const width = manifest.input.width ?? 128;
  const height = manifest.input.height ?? 128;
  const views: View[] = [await fitImage(image, width, height, 'letterbox', 0)];
  if (decoding.tiling && width === height) views.push(...(await tileViews(image, width, decoding.tiling)));
  const found: Scored2d[] = [];
  // One view at a time: the converted model takes a batch of one.
  for (const view of views) {
    const result = await session.run({ [manifest.input.name]: imageTensor([view.pixels], manifest) });
    const outputs = Object.fromEntries(Object.entries(result).map(([name, tensor]) => [name, tensor.data as Float32Array]));
    for (const d of decodeAnchors(outputs, decoding, width, height)) found.push({ confidence: d.confidence, box: toPhoto(d.box, view.placement) });
  }
  return weightedNms(found, decoding.nmsIouThreshold)
    .map((d) => ({ confidence: round(d.confidence), box: clipBox(d.box, image.width, image.height) }))
    .filter((d) => d.box.width > 0 && d.box.height > 0);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
