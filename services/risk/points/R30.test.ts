import { describe, expect, it } from 'vitest';
import type { PhotoKind } from '../../domain/index.ts';
import { R30 } from './R30.ts';
import { BASE_PHOTOS, expectOutcome, photoFinding, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const read = (index: number, value: string, confidence = 0.95, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, photos: BASE_PHOTOS.map((p) => (p.index === index ? { ...p, plate: { value, confidence } } : p)),
});
const readOn = (kind: PhotoKind, value: string): FeaturesPatch => ({ photos: [...BASE_PHOTOS, photoFinding(4, kind, { plate: { value, confidence: 0.99 } })] });

describe('R30 号牌不一致', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['plates agree', {}, 'miss'],
    ['photos not checked yet', { photos: undefined }, 'pending'],
    ['left-front reads another plate at 0.9', read(0, '浙A3B718', 0.9), 'hit'],
    ['left-front reads another plate at 0.89', read(0, '浙A3B718', 0.89), 'miss'],
    ['right-rear reads another plate', read(1, '沪B00001'), 'hit'],
    ['read with separators and lower case is the same plate', read(0, '浙a·3b 719'), 'miss'],
    ['declared plate with separators is the same plate', read(0, '浙A3B719', 0.95, { tx: { vehicle: { plate: '浙A-3B719' } } }), 'miss'],
    ['a plate read on a VIN photo does not count', readOn('VIN_RUBBING', '沪B00001'), 'miss'],
    ['a plate read on an OTHER photo does not count', readOn('OTHER', '沪B00001'), 'miss'],
    ['no declared plate (before registration)', read(0, '浙A3B718', 0.99, { tx: { vehicle: { plate: null } } }), 'miss'],
    ['no declared plate, photos pending: still not applicable', { tx: { vehicle: { plate: null } }, photos: undefined }, 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R30, patch), expected);
  });

  it('explains', () => {
    expect(run(R30, read(1, '沪B00001'))).toMatchObject({ reason: '第2张照片(右后方45度)识别号牌沪B00001与登记号牌浙A3B719不一致' });
  });
});
