import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from '../check.ts';
import { ModelRegistry } from '../models/registry.ts';
import { COLOUR_PROTOTYPES, KIND_PROTOTYPES, officeModelDir } from '../testing/office-models.ts';
import { mapScores, softmax } from './classifier.ts';

const MAX_PIXELS = 50_000_000;

/** A 640×480 photo of one colour with grain (0…1 channels). */
async function photoOf(rgb: readonly number[], seed = 1): Promise<Buffer> {
  const data = Buffer.alloc(640 * 480 * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    data[i] = Math.max(0, Math.min(255, Math.round((rgb[i % 3] ?? 0) * 255 + ((s / 2 ** 31) - 0.5) * 30)));
  }
  return sharp(data, { raw: { width: 640, height: 480, channels: 3 } }).jpeg().toBuffer();
}

describe('classifier output mapping', () => {
  it('maps labels to codes, drops labels mapped to null and adds up labels sharing a code', () => {
    const probs = Float32Array.from([0.1, 0.3, 0.35, 0.25]);
    expect(mapScores(probs, ['a', 'b', 'c', 'bg'], { a: 'VIN_STAMP', b: 'VIN_STAMP', c: 'NAMEPLATE', bg: null })).toEqual([['VIN_STAMP', expect.closeTo(0.4, 6)], ['NAMEPLATE', expect.closeTo(0.35, 6)]]);
    expect(() => mapScores(probs, ['a', 'b'], null)).toThrow(/4 scores for 2 labels/);
  });

  it('softmax turns logits into probabilities', () => {
    const p = softmax(Float32Array.from([1000, 1000, 0]));
    expect(p[0]).toBeCloseTo(0.5, 6);
    expect(p[2]).toBeCloseTo(0, 6);
  });
});

describe('office classifiers configured by manifest (models built by the test)', () => {
  let parent: string;
  let registry: ModelRegistry;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'classifier-test-'));
    const dir = await officeModelDir(parent, { kindClassifier: true, colourClassifier: true });
    registry = await ModelRegistry.open({ manifestDir: dir, executionProvider: 'cpu', threads: 1 });
    await registry.loadAll();
  });
  afterAll(async () => {
    await registry?.release();
    await rm(parent, { recursive: true, force: true });
  });

  it('predicts the photo kind through the labelMap (NHWC input, probabilities out)', async () => {
    const expected = { front45: 'LEFT_FRONT_45', rear45: 'RIGHT_REAR_45', vin: 'VIN_STAMP', inspector: 'INSPECTOR_WITH_VEHICLE' } as const;
    for (const [label, kind] of Object.entries(expected)) {
      const report = await checkPhoto(registry, await photoOf(KIND_PROTOTYPES[label] ?? []), { kind: 'OTHER', maxPixels: MAX_PIXELS });
      expect(report.predictedKind, label).toMatchObject({ value: kind, source: 'model', basis: 'office-photo-kind' });
      expect(report.predictedKind?.confidence, label).toBeGreaterThan(0.8);
      expect(report.checks).toContain('kind-model');
    }
  });

  it('never names a kind for a class mapped to null: the next mapped class wins with a low share', async () => {
    const report = await checkPhoto(registry, await photoOf(KIND_PROTOTYPES['background'] ?? []), { kind: 'OTHER', maxPixels: MAX_PIXELS });
    expect(report.predictedKind?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('estimates the body colour with the colour classifier (NCHW input, logits softmaxed) on exterior photos only', async () => {
    for (const [colour, rgb] of Object.entries(COLOUR_PROTOTYPES)) {
      const report = await checkPhoto(registry, await photoOf(rgb, colour.length), { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS });
      expect(report.color, colour).toMatchObject({ value: colour, source: 'model', basis: 'office-body-colour' });
      expect(report.color?.confidence, colour).toBeGreaterThan(0.8);
    }
    const vinPhoto = await checkPhoto(registry, await photoOf(COLOUR_PROTOTYPES['RED'] ?? []), { kind: 'VIN_STAMP', maxPixels: MAX_PIXELS });
    expect(vinPhoto.color).toBeNull();
  });
});

describe('classifier manifests are checked against the spec codes', () => {
  it('refuses a classifier label that maps to no photo kind, naming it', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'classifier-bad-'));
    try {
      const dir = await officeModelDir(parent, { kindClassifier: true });
      const { readFile, writeFile } = await import('node:fs/promises');
      const file = path.join(dir, 'office-photo-kind.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { classification: { labelMap: Record<string, string | null> } };
      manifest.classification.labelMap['vin'] = 'VIN_PHOTO';
      await writeFile(file, JSON.stringify(manifest));
      await expect(ModelRegistry.open({ manifestDir: dir, executionProvider: 'cpu', threads: 1 })).rejects.toThrow(/office-photo-kind\.json is invalid: labels: label vin maps to VIN_PHOTO/);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
