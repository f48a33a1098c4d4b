import { describe, expect, it } from 'vitest';
import type { PhotoQuality } from '../photo-findings.ts';
import { R34 } from './R34.ts';
import { BASE_PHOTOS, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const BOUNDS = { blur: { min: 0, max: 0.4 }, exposure: { min: 0.2, max: 0.8 } };
const quality = (q: Partial<PhotoQuality> | null): FeaturesPatch => ({
  photos: BASE_PHOTOS.map((p) => (p.index === 0 ? { ...p, quality: q === null ? null : { width: 1920, height: 1080, blur: 0.1, exposure: 0.5, bounds: BOUNDS, ...q } } : p)),
});

describe('R34 照片质量不合格', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['good photos', {}, 'miss'],
    ['photo checks pending', { photos: undefined }, 'pending'],
    ['exactly 640×480', quality({ width: 640, height: 480 }), 'miss'],
    ['639×480', quality({ width: 639, height: 480 }), 'hit'],
    ['640×479', quality({ width: 640, height: 479 }), 'hit'],
    ['portrait 480×640 is as good as 640×480', quality({ width: 480, height: 640 }), 'miss'],
    ['portrait 479×640', quality({ width: 479, height: 640 }), 'hit'],
    ['blur at the upper bound', quality({ blur: 0.4 }), 'miss'],
    ['blur just above', quality({ blur: 0.41 }), 'hit'],
    ['exposure at the lower bound', quality({ exposure: 0.2 }), 'miss'],
    ['exposure just below', quality({ exposure: 0.19 }), 'hit'],
    ['exposure just above the upper bound', quality({ exposure: 0.81 }), 'hit'],
    ['blur unknown', quality({ blur: null }), 'miss'],
    ['kind not calibrated: blur not judged', quality({ blur: 0.99, bounds: null }), 'miss'],
    ['kind not calibrated: resolution still judged', quality({ width: 320, height: 240, bounds: null }), 'hit'],
    ['no quality finding (undecodable)', quality(null), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R34, patch), expected);
  });

  it('honours the resolution parameters and explains', () => {
    expectOutcome(run(R34, quality({ width: 1024, height: 768 }), { minWidth: 1280, minHeight: 720 }), 'hit');
    expect(run(R34, quality({ width: 320, height: 240, blur: 0.5 }))).toMatchObject({ reason: '第1张照片(左前方45度)分辨率320×240低于640×480，模糊度0.5超出标定范围0–0.4' });
  });
});
