/**
 * The rendered inspection sets checked by the real models: what the simulator plants as clean
 * must come out clean. Figures are printed; the test fails under them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vinCheckChar } from '../../domain/check-digits.ts';
import type { PhotoKind, VehicleColor } from '../../domain/codes.ts';
import { checkPhoto, type PhotoReport } from '../check.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { hammingDistance } from '../phash.ts';
import { qualityBounds } from '../quality-bounds.ts';
import { testRegistry } from '../testing/registry.ts';
import { renderInspectionPhoto, renderPlate, type InspectionVehicle } from './inspection-set.ts';
import { mulberry32 } from './random.ts';
import { randomVin } from './vin-photo.ts';

const MAX_PIXELS = 50_000_000;
const SERIAL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const COLOURS: VehicleColor[] = ['WHITE', 'BLACK', 'SILVER', 'GREY', 'RED', 'BLUE', 'YELLOW', 'GREEN', 'BROWN', 'OTHER'];

/** A vehicle with a blue (7) or green new-energy (8 characters) plate, a valid VIN and a colour. */
function vehicle(i: number): InspectionVehicle {
  const random = mulberry32(9000 + i);
  const green = i % 3 === 2;
  const serial = green
    ? `${random() < 0.5 ? 'D' : 'F'}${Array.from({ length: 5 }, () => Math.floor(random() * 10)).join('')}`
    : Array.from({ length: 5 }, () => SERIAL[Math.floor(random() * SERIAL.length)]).join('');
  return { plate: `浙A${serial}`, vin: randomVin(700 + i, vinCheckChar), color: COLOURS[i % COLOURS.length] ?? 'WHITE', maker: '上汽大众汽车有限公司' };
}

interface Checked {
  readonly kind: PhotoKind;
  readonly vehicle: InspectionVehicle;
  readonly report: PhotoReport;
}

function share(items: readonly Checked[], test: (c: Checked) => boolean): string {
  return `${items.filter(test).length}/${items.length}`;
}

describe('rendered inspection sets through the real models', () => {
  let registry: ModelRegistry;
  const checked: Checked[] = [];
  const check = async (kind: PhotoKind, v: InspectionVehicle, seed: number, extra: { inspectorAbsent?: boolean } = {}): Promise<Checked> => {
    const jpeg = await renderInspectionPhoto({ shows: kind, seed, vehicle: v, ...extra });
    const result = { kind, vehicle: v, report: await checkPhoto(registry, jpeg, { kind, maxPixels: MAX_PIXELS }) };
    if (!extra.inspectorAbsent) checked.push(result);
    return result;
  };
  beforeAll(async () => { registry = await testRegistry(); });
  afterAll(() => registry.release());

  it('shows the record plate legibly: ≥ 95 % of 45° scenes read exactly and surely, in the record colour', async () => {
    const scenes: Checked[] = [];
    for (let i = 0; i < 20; i++) scenes.push(await check(i % 2 === 0 ? 'LEFT_FRONT_45' : 'RIGHT_REAR_45', vehicle(i), 31 * i + 1));
    const sure = (c: Checked) => c.report.plate?.value === c.vehicle.plate && c.report.plate.confidence >= 0.9;
    const colour = (c: Checked) => c.report.color?.value === c.vehicle.color;
    console.log(`plates read exactly with confidence ≥ 0.9: ${share(scenes, sure)}; body colour named as recorded: ${share(scenes, colour)}`);
    expect(scenes.filter(sure).length / scenes.length).toBeGreaterThanOrEqual(0.95);
    // A confident reading of another plate or paint would fire R30 / R38 on a clean set.
    expect(scenes.filter((c) => c.report.plate !== null && c.report.plate.confidence >= 0.9 && c.report.plate.value !== c.vehicle.plate)).toEqual([]);
    expect(scenes.filter((c) => c.report.color !== null && c.report.color.confidence >= 0.8 && !colour(c)).map((c) => [c.vehicle.color, c.report.color])).toEqual([]);
  }, 300_000);

  it('shows the record VIN on stamp, rubbing and nameplate photos, never another one read surely', async () => {
    const photos: Checked[] = [];
    const kinds: PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];
    for (let i = 0; i < 18; i++) photos.push(await check(kinds[i % 3] as PhotoKind, vehicle(100 + i), 17 * i + 5));
    const exact = (c: Checked) => c.report.vin?.value === c.vehicle.vin;
    console.log(`VIN read exactly: ${share(photos, exact)}; with confidence ≥ 0.9: ${share(photos, (c) => exact(c) && (c.report.vin?.confidence ?? 0) >= 0.9)}`);
    expect(photos.filter(exact).length / photos.length).toBeGreaterThanOrEqual(0.9);
    expect(photos.filter((c) => c.report.vin !== null && c.report.vin.confidence >= 0.9 && !exact(c))).toEqual([]);
  }, 300_000);

  it('shows the VIN plate under the windscreen crisply enough to be read surely (the simulator\'s wrong-kind photo)', async () => {
    const plates: Checked[] = [];
    for (let i = 0; i < 4; i++) {
      const v = vehicle(150 + i);
      const jpeg = await renderInspectionPhoto({ shows: 'VIN_STAMP', vinPlate: true, seed: 41 * i + 3, vehicle: v });
      plates.push({ kind: 'LEFT_FRONT_45', vehicle: v, report: await checkPhoto(registry, jpeg, { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS }) });
    }
    const wrongKind = (c: Checked) => c.report.predictedKind !== null && c.report.predictedKind.value !== 'LEFT_FRONT_45' && c.report.predictedKind.confidence >= 0.8;
    console.log(`VIN plates declared as left-front photos, kind contradicted surely: ${share(plates, wrongKind)}`);
    expect(plates.every((c) => c.report.vin?.value === c.vehicle.vin && c.report.plate === null)).toBe(true);
    expect(plates.every(wrongKind)).toBe(true);
  }, 300_000);

  // Without the inspector the detector now and then takes a wheel or plate digits for a face
  // (1 of 30 at 1920×1080 when measured): R37 then misses that photo, so one is tolerated here.
  it('puts an inspector in the inspector photo that the face detector finds, and (almost always) none when absent', async () => {
    const present: Checked[] = [];
    const absent: Checked[] = [];
    for (let i = 0; i < 6; i++) present.push(await check('INSPECTOR_WITH_VEHICLE', vehicle(200 + i), 13 * i + 7));
    for (let i = 0; i < 6; i++) absent.push(await check('INSPECTOR_WITH_VEHICLE', vehicle(300 + i), 13 * i + 8, { inspectorAbsent: true }));
    const seen = (c: Checked) => (c.report.persons ?? []).some((p) => p.confidence >= 0.5);
    console.log(`inspector found: ${share(present, seen)}; person found where none stands: ${share(absent, seen)}`);
    expect(present.every(seen)).toBe(true);
    expect(absent.filter(seen).length).toBeLessThanOrEqual(1);
  }, 300_000);

  it('keeps every photo inside its kind\'s quality bounds and every two photos far apart in perceptual hash', () => {
    expect(checked.length).toBeGreaterThan(40);
    const outside = checked.filter((c) => {
      const q = c.report.quality;
      const b = qualityBounds(c.kind);
      return q === null || q.width < 640 || q.height < 480 || q.blur > b.blur.max || q.exposure < b.exposure.min || q.exposure > b.exposure.max;
    });
    expect(outside.map((c) => [c.kind, c.report.quality])).toEqual([]);
    let closest = 64;
    for (let i = 0; i < checked.length; i++) {
      for (let j = i + 1; j < checked.length; j++) closest = Math.min(closest, hammingDistance(checked[i]?.report.phash ?? '', checked[j]?.report.phash ?? ''));
    }
    console.log(`closest two of ${checked.length} distinct photos: Hamming distance ${closest} (R33 acts at ≤ 6)`);
    expect(closest).toBeGreaterThan(6);
  });

  it('renders the same bytes for the same request', async () => {
    const request = { shows: 'LEFT_FRONT_45' as const, seed: 4242, vehicle: { ...vehicle(1), color: 'OTHER' as const } };
    const [a, b] = await Promise.all([renderInspectionPhoto(request), renderInspectionPhoto(request)]);
    expect(a.equals(b)).toBe(true);
    expect((await renderPlate('浙AD12345')).equals(await renderPlate('浙AD12345'))).toBe(true);
  });
});
