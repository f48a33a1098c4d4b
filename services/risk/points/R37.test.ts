import { describe, expect, it } from 'vitest';
import { R37 } from './R37.ts';
import { BASE_PHOTOS, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

/** Photo 3 of the baseline is the inspector-with-vehicle photo. */
const persons = (list: { confidence: number }[] | null, index = 3): FeaturesPatch => ({
  photos: BASE_PHOTOS.map((p) => (p.index === index ? { ...p, persons: list } : p)),
});

describe('R37 查验员未出镜', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['inspector found', {}, 'miss'],
    ['photo checks pending', { photos: undefined }, 'pending'],
    ['nobody detected', persons([]), 'hit'],
    ['a person at exactly 0.5', persons([{ confidence: 0.5 }]), 'miss'],
    ['only a person at 0.49', persons([{ confidence: 0.49 }]), 'hit'],
    ['a weak and a strong detection', persons([{ confidence: 0.2 }, { confidence: 0.8 }]), 'miss'],
    ['detector failed on the photo', persons(null), 'miss'],
    ['nobody on a photo of another kind', persons([], 0), 'miss'],
    ['nobody detected, a reviewer passed the photo', { photos: BASE_PHOTOS.map((p) => (p.index === 3 ? { ...p, persons: [], reviewerVerdict: 'PASS' as const } : p)) }, 'miss'],
    ['nobody detected, a reviewer failed the photo', { photos: BASE_PHOTOS.map((p) => (p.index === 3 ? { ...p, persons: [], reviewerVerdict: 'FAIL' as const } : p)) }, 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R37, patch), expected);
  });

  it('honours the threshold and explains', () => {
    expectOutcome(run(R37, persons([{ confidence: 0.6 }]), { minConfidence: 0.7 }), 'hit');
    expect(run(R37, persons([{ confidence: 0.3 }]))).toMatchObject({ reason: '第4张照片(查验员与车辆合影)中未检出人员(最高置信度0.3)' });
  });
});
