/**
 * Acceptance 1, second half: plates read from rendered full scenes. Each of the 304 real plate
 * crops of ../shared/data/plates is put on the plate panel of a rendered 1920×1080 vehicle scene
 * (140–259 px wide, a camera timestamp strip along the bottom) and the whole photo goes through
 * checkPhoto as a LEFT_FRONT_45: the detector must find the plate, the reader frame and read it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from './check.ts';
import type { ModelRegistry } from './models/registry.ts';
import { renderVehicleScene } from './render/scene.ts';
import { testRegistry } from './testing/registry.ts';

const PLATES = path.resolve(import.meta.dirname, '../../../shared/data/plates');

describe('plate reading on rendered full scenes', () => {
  let registry: ModelRegistry;
  let labels: [string, string][];
  beforeAll(async () => {
    registry = await testRegistry();
    labels = (await readFile(path.join(PLATES, 'labels.csv'), 'utf8')).trim().split('\n').slice(1).map((row) => row.split(',') as [string, string]);
  });
  afterAll(() => registry.release());

  it('reads at least 98 % of 304 scenes exactly (figure and misses printed)', async () => {
    let exact = 0;
    let sureWrong = 0;
    const misses: string[] = [];
    for (const [i, [file, label]] of labels.entries()) {
      const scene = await renderVehicleScene(i + 1, { plate: await readFile(path.join(PLATES, file)), plateWidth: 140 + ((i * 37) % 120), timestamp: '2026-03-01 10:15:00' });
      const report = await checkPhoto(registry, scene.jpeg, { kind: 'LEFT_FRONT_45', maxPixels: 50_000_000 });
      if (report.plate?.value === label) exact++;
      else {
        misses.push(`${file} ${label}→${report.plate?.value ?? '∅'}${report.plate ? ` (${report.plate.confidence})` : ''}`);
        if ((report.plate?.confidence ?? 0) >= 0.9) sureWrong++;
      }
    }
    console.log(`plates on rendered scenes: ${exact}/${labels.length} = ${((100 * exact) / labels.length).toFixed(1)} % exact; ${sureWrong} wrong at confidence ≥ 0.9 (R30 would act); misses: ${misses.join(', ')}`);
    expect(labels).toHaveLength(304);
    expect(exact / labels.length).toBeGreaterThanOrEqual(0.98);
  }, 1_800_000);
});
