import { describe, expect, it } from 'vitest';
import type { VehicleColor } from '../../domain/index.ts';
import { R38 } from './R38.ts';
import { BASE_PHOTOS, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const colour = (value: VehicleColor, confidence: number, index = 0, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, photos: BASE_PHOTOS.map((p) => (p.index === index ? { ...p, color: { value, confidence } } : p)),
});

describe('R38 车身颜色不一致', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['colour agrees', {}, 'miss'],
    ['photo checks pending', { photos: undefined }, 'pending'],
    ['black at 0.8 on a white car', colour('BLACK', 0.8), 'hit'],
    ['black at 0.79', colour('BLACK', 0.79), 'miss'],
    ['white at 0.99', colour('WHITE', 0.99), 'miss'],
    ['estimate on the right-rear photo does not count', colour('BLACK', 0.99, 1), 'miss'],
    ['no declared colour', colour('BLACK', 0.99, 0, { tx: { vehicle: { color: null } } }), 'miss'],
    ['no estimate', { photos: BASE_PHOTOS.map((p) => ({ ...p, color: null })) }, 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R38, patch), expected);
  });

  it('explains', () => {
    expectOutcome(run(R38, colour('RED', 0.7), { minConfidence: 0.6 }), 'hit');
    expect(run(R38, colour('BLACK', 0.85))).toMatchObject({ reason: '第1张照片(左前方45度)识别车身颜色为黑色(置信度0.85)，登记为白色' });
  });
});
