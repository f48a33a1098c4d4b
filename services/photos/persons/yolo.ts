/**
 * An office's YOLO-style detector (manifest task `object-detection`): the photo fitted to the
 * input (letterbox or stretch), one output of rows [cx, cy, w, h, objectness?, class scores…]
 * (or the same as columns), confidence = objectness × class score, per-class greedy NMS, boxes
 * mapped back to photo pixels. Only the manifest's person labels are reported as persons.
 */
import type { RgbImage } from '../image.ts';
import type { ModelManifest } from '../models/manifest.ts';
import type { Detection as DetectionConfig } from '../models/manifest-tasks.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { clipBox, nms, type Box, type Scored2d } from '../detect/box.ts';
import { fitImage, imageTensor, toPhoto } from '../detect/input.ts';

export interface LabelledDetection extends Scored2d {
  readonly label: string;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Rows of a YOLO output as labelled detections in model-input pixels, thresholded and
 * suppressed per class. `dims` is the output's shape: [1, N, K] for rows, [1, K, N] for columns.
 */
export function decodeYolo(data: Float32Array, dims: readonly number[], config: DetectionConfig, labels: readonly string[], input: { width: number; height: number }): LabelledDetection[] {
  const [, a = 0, b = 0] = dims;
  const [count, width] = config.layout === 'rows' ? [a, b] : [b, a];
  const expected = 4 + (config.objectness ? 1 : 0) + labels.length;
  if (width !== expected) throw new Error(`detector output has ${width} values per box; the manifest implies ${expected} (4 box, objectness ${config.objectness}, ${labels.length} labels)`);
  const at = (row: number, k: number): number => (config.layout === 'rows' ? data[row * width + k] : data[k * count + row]) ?? 0;
  const act = config.activation === 'sigmoid' ? sigmoid : (x: number): number => x;
  const sx = config.coordinates === 'normalised' ? input.width : 1;
  const sy = config.coordinates === 'normalised' ? input.height : 1;
  const first = config.objectness ? 5 : 4;
  const found: LabelledDetection[] = [];
  for (let row = 0; row < count; row++) {
    const objectness = config.objectness ? act(at(row, 4)) : 1;
    if (objectness < config.confidenceThreshold) continue;
    let best = -1;
    let bestScore = 0;
    for (let c = 0; c < labels.length; c++) {
      const score = act(at(row, first + c));
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    const confidence = objectness * bestScore;
    if (best < 0 || confidence < config.confidenceThreshold) continue;
    const w = at(row, 2) * sx;
    const h = at(row, 3) * sy;
    const box: Box = { left: at(row, 0) * sx - w / 2, top: at(row, 1) * sy - h / 2, width: w, height: h };
    found.push({ label: labels[best] ?? '', confidence, box });
  }
  return labels.flatMap((label) => nms(found.filter((d) => d.label === label), config.nmsIouThreshold, config.maxDetections));
}

/** The detector's findings on the photo, boxes in photo pixels, best first. */
export async function detectObjects(registry: ModelRegistry, manifest: ModelManifest, image: RgbImage): Promise<LabelledDetection[]> {
  const config = manifest.detection;
  if (!config) throw new Error(`model ${manifest.id}: no detection section`);
  const { session } = await registry.model(manifest.id);
  const labels = await registry.labelsOf(manifest.id);
  const width = manifest.input.width ?? 640;
  const height = manifest.input.height ?? 640;
  const { pixels, placement } = await fitImage(image, width, height, config.resize, config.padValue);
  const result = await session.run({ [manifest.input.name]: imageTensor([pixels], manifest) });
  const output = result[manifest.output.name];
  if (!output) throw new Error(`model ${manifest.id}: no output ${manifest.output.name}`);
  return decodeYolo(output.data as Float32Array, output.dims, config, labels, { width, height })
    .map((d) => ({ ...d, confidence: Math.round(d.confidence * 10_000) / 10_000, box: clipBox(toPhoto(d.box, placement), image.width, image.height) }))
    .filter((d) => d.box.width > 0 && d.box.height > 0)
    .sort((x, y) => y.confidence - x.confidence);
}
