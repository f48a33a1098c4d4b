import { describe, expect, it } from 'vitest';
import type { PhotoKind } from '../../domain/index.ts';
import { R29 } from './R29.ts';
import { BASE_PHOTOS, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const predicted = (value: PhotoKind | null, confidence = 0.9): FeaturesPatch => ({
  photos: BASE_PHOTOS.map((p) => (p.index === 1 ? { ...p, predictedKind: value === null ? null : { value, confidence } } : p)),
});

describe('R29 照片类型不符', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['all as declared', {}, 'miss'],
    ['not checked yet', { photos: undefined }, 'pending'],
    ['other kind at 0.8', predicted('VIN_RUBBING', 0.8), 'hit'],
    ['other kind at 0.79', predicted('VIN_RUBBING', 0.79), 'miss'],
    ['other kind at 0.99', predicted('OTHER', 0.99), 'hit'],
    ['declared kind at low confidence', predicted('RIGHT_REAR_45', 0.3), 'miss'],
    ['model gave nothing', predicted(null), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R29, patch), expected);
  });

  it('honours the threshold and explains', () => {
    expectOutcome(run(R29, predicted('OTHER', 0.6), { minConfidence: 0.6 }), 'hit');
    expect(run(R29, predicted('VIN_RUBBING', 0.8))).toMatchObject({ reason: '第2张照片(右后方45度)经识别为车辆识别代号拓印膜(置信度0.8)' });
  });
});
