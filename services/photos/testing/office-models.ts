/**
 * An office's model folder for tests: the project's own manifests (OCR, BlazeFace) copied, plus
 * the small models the tests build — a photo-kind classifier, a body-colour classifier and a
 * person/car detector — each written as `<id>.onnx` next to a manifest carrying its sha256.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MANIFEST_DIR } from '../models/registry.ts';
import { colourBlobDetector, meanColourClassifier, type Rgb } from './test-models.ts';

/** Office labels for photo kinds (the manifest maps them; `background` maps to nothing). */
export const KIND_PROTOTYPES: Readonly<Record<string, Rgb>> = {
  front45: [0.8, 0.1, 0.1],
  rear45: [0.1, 0.8, 0.1],
  vin: [0.1, 0.1, 0.8],
  inspector: [0.9, 0.9, 0.1],
  background: [0.5, 0.5, 0.5],
};
export const KIND_LABEL_MAP = { front45: 'LEFT_FRONT_45', rear45: 'RIGHT_REAR_45', vin: 'VIN_STAMP', inspector: 'INSPECTOR_WITH_VEHICLE', background: null } as const;

/** Body-colour labels are the spec's codes themselves (no labelMap needed). */
export const COLOUR_PROTOTYPES: Readonly<Record<string, Rgb>> = {
  WHITE: [0.94, 0.94, 0.93],
  BLACK: [0.1, 0.1, 0.11],
  RED: [0.64, 0.12, 0.14],
  BLUE: [0.12, 0.31, 0.64],
  GREEN: [0.18, 0.42, 0.23],
};

const input = (name: string, layout: 'NCHW' | 'NHWC', size: number) => ({ name, layout, channels: 'RGB', height: size, width: size, multipleOf: null, maxSide: null });
const unit = { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] };

async function writeModel(dir: string, id: string, bytes: Uint8Array, manifest: Record<string, unknown>): Promise<void> {
  await writeFile(path.join(dir, `${id}.onnx`), bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify({ id, version: 'test 1', source: { file: `${id}.onnx` }, sha256, licence: 'test', ...manifest }, null, 2));
}

export interface OfficeModels {
  readonly kindClassifier?: boolean;
  readonly colourClassifier?: boolean;
  readonly detector?: boolean;
}

export async function officeModelDir(parent: string, models: OfficeModels): Promise<string> {
  const dir = await mkdtemp(path.join(parent ?? os.tmpdir(), 'office-models-'));
  for (const file of (await readdir(DEFAULT_MANIFEST_DIR)).filter((f) => f.endsWith('.json'))) {
    await copyFile(path.join(DEFAULT_MANIFEST_DIR, file), path.join(dir, file));
  }
  if (models.kindClassifier) {
    await writeModel(dir, 'office-photo-kind', meanColourClassifier({ size: 32, layout: 'NHWC', prototypes: Object.values(KIND_PROTOTYPES) }), {
      task: 'image-classification', purpose: 'photo-kind', input: input('image', 'NHWC', 32), normalisation: unit,
      output: { name: 'scores', meaning: 'class probabilities' }, labels: { inline: Object.keys(KIND_PROTOTYPES) },
      classification: { activation: 'none', labelMap: KIND_LABEL_MAP },
    });
  }
  if (models.colourClassifier) {
    await writeModel(dir, 'office-body-colour', meanColourClassifier({ size: 24, layout: 'NCHW', prototypes: Object.values(COLOUR_PROTOTYPES), logits: true }), {
      task: 'image-classification', purpose: 'vehicle-color', input: input('image', 'NCHW', 24), normalisation: unit,
      output: { name: 'scores', meaning: 'class logits' }, labels: { inline: Object.keys(COLOUR_PROTOTYPES) },
      classification: { activation: 'softmax', labelMap: null },
    });
  }
  if (models.detector) {
    await writeModel(dir, 'office-person-car', colourBlobDetector({ classes: [[1, -1, -1], [-1, -1, 1]] }), {
      task: 'object-detection', purpose: 'persons', input: input('image', 'NCHW', 64), normalisation: unit,
      output: { name: 'detections', meaning: 'rows cx, cy, w, h, objectness, person, car' }, labels: { inline: ['person', 'car'] },
      detection: {
        format: 'yolo', objectness: true, layout: 'rows', coordinates: 'pixels', activation: 'none', resize: 'letterbox', padValue: 0,
        confidenceThreshold: 0.25, nmsIouThreshold: 0.45, personLabels: ['person'], vehicleLabels: ['car'], maxDetections: 50,
      },
    });
  }
  return dir;
}
