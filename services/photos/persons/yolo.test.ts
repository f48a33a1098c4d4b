import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from '../check.ts';
import type { Detection } from '../models/manifest-tasks.ts';
import { ModelRegistry } from '../models/registry.ts';
import { officeModelDir } from '../testing/office-models.ts';
import { decodeYolo } from './yolo.ts';

const MAX_PIXELS = 50_000_000;

const config: Detection = {
  format: 'yolo', objectness: true, layout: 'rows', coordinates: 'pixels', activation: 'none', resize: 'letterbox', padValue: 114,
  confidenceThreshold: 0.25, nmsIouThreshold: 0.45, personLabels: ['person'], vehicleLabels: ['car'], maxDetections: 100,
};

describe('YOLO output decoding', () => {
  const rows = [
    [50, 50, 20, 40, 0.9, 0.95, 0.05],
    [52, 50, 20, 40, 0.8, 0.9, 0.1], // the same person, suppressed
    [50, 50, 30, 20, 0.9, 0.1, 0.85], // a car in the same place: another class, kept
    [200, 80, 10, 10, 0.2, 0.99, 0], // objectness too low
  ];

  it('reads rows, multiplies objectness by the class score and suppresses per class', () => {
    const found = decodeYolo(Float32Array.from(rows.flat()), [1, 4, 7], config, ['person', 'car'], { width: 640, height: 640 });
    expect(found.map((d) => [d.label, Math.round(d.confidence * 1000) / 1000])).toEqual([['person', 0.855], ['car', 0.765]]);
    expect(found[0]?.box).toEqual({ left: 40, top: 30, width: 20, height: 40 });
  });

  it('reads the column layout (YOLOv8: no objectness, normalised boxes, logits)', () => {
    const v8: Detection = { ...config, objectness: false, layout: 'columns', coordinates: 'normalised', activation: 'sigmoid' };
    // Two candidates as columns of [cx, cy, w, h, person, car].
    const columns = [[0.5, 0.1], [0.5, 0.1], [0.25, 0.05], [0.5, 0.05], [4, -4], [-4, -4]];
    const found = decodeYolo(Float32Array.from(columns.flat()), [1, 6, 2], v8, ['person', 'car'], { width: 200, height: 100 });
    expect(found).toHaveLength(1);
    expect(found[0]?.label).toBe('person');
    expect(found[0]?.box).toEqual({ left: 75, top: 25, width: 50, height: 50 });
  });

  it('refuses an output whose width does not fit the manifest', () => {
    expect(() => decodeYolo(new Float32Array(12), [1, 2, 6], config, ['person', 'car'], { width: 64, height: 64 })).toThrow(/6 values per box; the manifest implies 7/);
  });
});

describe('an office person/car detector configured by manifest (model built by the test)', () => {
  let parent: string;
  let registry: ModelRegistry;
  let photo: Buffer;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'yolo-test-'));
    registry = await ModelRegistry.open({ manifestDir: await officeModelDir(parent, { detector: true }), executionProvider: 'cpu', threads: 1 });
    // 1024×512 grey with a red "person" and a blue "car", 256 px squares: letterboxed to 64×64
    // (scale 1/16, 16 px of padding above and below) each fills exactly one detector window.
    const square = (colour: string) => sharp({ create: { width: 256, height: 256, channels: 3, background: colour } }).png().toBuffer();
    photo = await sharp({ create: { width: 1024, height: 512, channels: 3, background: '#808080' } })
      .composite([{ input: await square('#ff0000'), left: 256, top: 128 }, { input: await square('#0000ff'), left: 640, top: 128 }])
      .jpeg({ quality: 95 })
      .toBuffer();
  });
  afterAll(async () => {
    await registry?.release();
    await rm(parent, { recursive: true, force: true });
  });

  it('is preferred over BlazeFace for persons, with boxes mapped back through the letterbox', async () => {
    expect(registry.forPurpose('persons')?.id).toBe('office-person-car');
    const report = await checkPhoto(registry, photo, { kind: 'INSPECTOR_WITH_VEHICLE', maxPixels: MAX_PIXELS });
    expect(report.persons).toHaveLength(1);
    expect(report.persons?.[0]).toMatchObject({ evidence: 'body', model: 'office-person-car', box: { left: 256, top: 128, width: 256, height: 256 } });
    expect(report.persons?.[0]?.confidence).toBeGreaterThan(0.9);
    expect(report.checks).toEqual(['persons']);
  });

  it('finds nobody in a photo without the person colour (R37 would fire)', async () => {
    const empty = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    expect((await checkPhoto(registry, empty, { kind: 'INSPECTOR_WITH_VEHICLE', maxPixels: MAX_PIXELS })).persons).toEqual([]);
  });

  it('on a photo of unknown kind, takes the body colour inside the detected vehicle box', async () => {
    const report = await checkPhoto(registry, photo, { kind: null, maxPixels: MAX_PIXELS });
    expect(report.color).toMatchObject({ value: 'BLUE', source: 'heuristic', basis: 'vehicle box' });
    expect(report.color?.confidence).toBeGreaterThan(0.9);
  });
});
