import { describe, expect, it } from 'vitest';
import { R31 } from './R31.ts';
import { BASE_PHOTOS, expectOutcome, photoFinding, run, VIN, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const OTHER_VIN = 'LSVAU218XN2183295';
/** Photo 2 of the baseline is the VIN rubbing. */
const read = (value: string, confidence = 0.95, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, photos: BASE_PHOTOS.map((p) => (p.index === 2 ? { ...p, vin: { value, confidence } } : p)),
});

describe('R31 识别代号不一致', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['VINs agree', {}, 'miss'],
    ['photos not checked yet', { photos: undefined }, 'pending'],
    ['rubbing reads another VIN at 0.9', read(OTHER_VIN, 0.9), 'hit'],
    ['rubbing reads another VIN at 0.89', read(OTHER_VIN, 0.89), 'miss'],
    ['partial read of 16 characters', read(OTHER_VIN.slice(0, 16)), 'miss'],
    ['read of 18 characters', read(`${OTHER_VIN}1`), 'miss'],
    ['same VIN read in lower case with a space', read(`${VIN.slice(0, 8).toLowerCase()} ${VIN.slice(8)}`), 'miss'],
    ['stamp photo reads another VIN', { photos: [...BASE_PHOTOS, photoFinding(4, 'VIN_STAMP', { vin: { value: OTHER_VIN, confidence: 0.97 } })] }, 'hit'],
    ['nameplate photo read does not count', { photos: [...BASE_PHOTOS, photoFinding(4, 'NAMEPLATE', { vin: { value: OTHER_VIN, confidence: 0.97 } })] }, 'miss'],
    ['no declared VIN', read(OTHER_VIN, 0.99, { tx: { vehicle: { vin: null } } }), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R31, patch), expected);
  });

  it('explains', () => {
    expect(run(R31, read(OTHER_VIN))).toMatchObject({ reason: `第3张照片(车辆识别代号拓印膜)识别车辆识别代号${OTHER_VIN}与登记的${VIN}不一致` });
  });
});
