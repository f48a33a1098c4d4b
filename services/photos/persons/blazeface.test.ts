/**
 * BlazeFace on rendered photos. /work/shared/data holds no photos of people, and nothing is
 * downloaded: the faces here are DRAWN (render/person.ts — a shaded oval with hairline, brows,
 * eyes, nose and mouth on a uniformed body beside a rendered car). They prove the pre- and
 * post-processing (anchors, decoding, tiling, NMS, box mapping) on a real model; how well the
 * model finds real inspectors in real outlet photos is not measured here.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vinCheckChar } from '../../domain/check-digits.ts';
import { checkPhoto } from '../check.ts';
import { iou } from '../detect/box.ts';
import { decodeImage, type RgbImage } from '../image.ts';
import type { ModelManifest } from '../models/manifest.ts';
import type { FaceDecoding } from '../models/manifest-tasks.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { renderVehicleScene } from '../render/scene.ts';
import { randomVin, renderVinPhoto } from '../render/vin-photo.ts';
import { testRegistry } from '../testing/registry.ts';
import { decodeAnchors, detectFaces } from './blazeface.ts';

const MAX_PIXELS = 50_000_000;
const SCENES = 16;

async function decoded(bytes: Buffer): Promise<RgbImage> {
  const result = await decodeImage(bytes, MAX_PIXELS);
  if (!result.ok) throw new Error(result.reason);
  return result.image;
}

describe('BlazeFace anchor decoding', () => {
  const decoding: FaceDecoding = {
    layers: [{ scores: 's', boxes: 'b', grid: 2, anchorsPerCell: 1 }], valuesPerAnchor: 4, boxScale: 100,
    scoreClip: 100, minScore: 0.5, nmsIouThreshold: 0.3, tiling: null,
  };

  it('places each box at its anchor plus the offset, sized in input pixels, above the score only', () => {
    // Cell (1, 0) (top right, anchor centre 0.75, 0.25) fires with a box offset (+10, −5) px, 20×30 px.
    const outputs = { s: Float32Array.from([-5, 3, -5, 0.1]), b: Float32Array.from([0, 0, 0, 0, 10, -5, 20, 30, 0, 0, 0, 0, 0, 0, 9, 9]) };
    const found = decodeAnchors(outputs, decoding, 100, 100);
    expect(found).toHaveLength(2);
    expect(found[0]?.confidence).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    const box = found[0]?.box;
    expect([box?.left, box?.top, box?.width, box?.height].map((v) => Math.round((v ?? NaN) * 1e6) / 1e6)).toEqual([75, 5, 20, 30]);
  });

  it('names a missing output', () => {
    expect(() => decodeAnchors({ s: new Float32Array(4) }, decoding, 100, 100)).toThrow(/outputs s \/ b missing/);
  });
});

describe('BlazeFace (back-camera model) on rendered inspector photos', () => {
  let registry: ModelRegistry;
  let manifest: ModelManifest;
  beforeAll(async () => {
    registry = await testRegistry();
    manifest = registry.manifest('blazeface-back');
  });
  afterAll(() => registry.release());

  it(`finds the inspector's face in ${SCENES} 1920×1080 scenes and nobody in the same scenes without one`, async () => {
    let found = 0;
    let falsePersons = 0;
    const misses: string[] = [];
    for (let seed = 1; seed <= SCENES; seed++) {
      const withInspector = await renderVehicleScene(seed, { inspector: true });
      const faces = await detectFaces(registry, manifest, await decoded(withInspector.jpeg));
      const truth = withInspector.face;
      if (truth && faces.some((f) => iou(f.box, truth) > 0.3)) found++;
      else misses.push(`seed ${seed}: ${JSON.stringify(faces)}`);
      falsePersons += faces.filter((f) => !truth || iou(f.box, truth) <= 0.3).length;
      falsePersons += (await detectFaces(registry, manifest, await decoded((await renderVehicleScene(seed)).jpeg))).length;
    }
    console.log(`BlazeFace: ${found}/${SCENES} drawn inspectors found, ${falsePersons} false persons over ${2 * SCENES} photos; misses: ${misses.join('; ')}`);
    expect(found / SCENES).toBeGreaterThanOrEqual(0.95);
    expect(falsePersons).toBe(0);
  });

  it('finds small faces (17–29 px wide on 1920×1080) by tiling, which the whole-photo pass alone misses', async () => {
    const untiled: ModelManifest = { ...manifest, faceDecoding: { ...(manifest.faceDecoding as FaceDecoding), tiling: null } };
    let tiled = 0;
    let whole = 0;
    const heights = [180, 220, 260, 300];
    for (const [i, inspectorHeight] of heights.entries()) {
      const scene = await renderVehicleScene(100 + i, { inspector: true, inspectorHeight });
      const image = await decoded(scene.jpeg);
      const truth = scene.face;
      if (!truth) throw new Error('no face drawn');
      if ((await detectFaces(registry, manifest, image)).some((f) => iou(f.box, truth) > 0.3)) tiled++;
      if ((await detectFaces(registry, untiled, image)).some((f) => iou(f.box, truth) > 0.3)) whole++;
    }
    console.log(`small faces: tiled ${tiled}/${heights.length}, whole photo only ${whole}/${heights.length}`);
    expect(tiled).toBe(heights.length);
    expect(whole).toBeLessThan(tiled);
  });

  it('reports persons as {confidence, box, evidence} through checkPhoto, only where the kind asks for them', async () => {
    const scene = await renderVehicleScene(7, { inspector: true });
    const report = await checkPhoto(registry, scene.jpeg, { kind: 'INSPECTOR_WITH_VEHICLE', maxPixels: MAX_PIXELS });
    expect(report.persons?.length).toBe(1);
    expect(report.persons?.[0]).toMatchObject({ evidence: 'face', model: 'blazeface-back' });
    expect(report.persons?.[0]?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(report.predictedKind).toMatchObject({ value: 'INSPECTOR_WITH_VEHICLE', source: 'evidence' });
    expect((await checkPhoto(registry, scene.jpeg, { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS })).persons).toBeNull();
  });

  it('finds nobody on VIN photos and on a blank wall', async () => {
    const photos = [
      await renderVinPhoto(randomVin(3, vinCheckChar), 3, 'stamp'),
      await renderVinPhoto(randomVin(4, vinCheckChar), 4, 'rubbing'),
      await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#c8c2b8' } }).jpeg().toBuffer(),
    ];
    for (const photo of photos) expect(await detectFaces(registry, manifest, await decoded(photo))).toEqual([]);
  });
});
