import { describe, expect, it } from 'vitest';
import { R35 } from './R35.ts';
import { BASE_PHOTOS, BASE_TX, evidenceOf, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

/** Accepted 09:15, completed 09:52 (+08:00). */
const exifAt = (index: number, takenAt: string | null, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, photos: BASE_PHOTOS.map((p) => (p.index === index ? { ...p, exif: takenAt === null ? null : { takenAt, lat: null, lon: null } } : p)),
});
const declaredAt = (index: number, takenAt: string | null): FeaturesPatch['tx'] => ({
  photos: BASE_TX.photos.map((p, i) => (i === index ? { ...p, takenAt } : p)),
});

describe('R35 拍摄时间异常', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['taken during the visit', {}, 'miss'],
    ['photo checks pending (EXIF unknown)', { photos: undefined }, 'pending'],
    ['exactly 2 h before acceptance', exifAt(0, '2026-03-02T07:15:00+08:00'), 'miss'],
    ['2 h and 1 s before acceptance', exifAt(0, '2026-03-02T07:14:59+08:00'), 'hit'],
    ['exactly 10 min after completion', exifAt(0, '2026-03-02T10:02:00+08:00'), 'miss'],
    ['10 min 1 s after completion', exifAt(0, '2026-03-02T10:02:01+08:00'), 'hit'],
    ['not completed: a late photo is not judged', exifAt(0, '2026-03-02T15:00:00+08:00', { tx: { status: 'ACCEPTED', completedAt: null } }), 'miss'],
    ['EXIF wins over a good declared time', exifAt(0, '2026-03-01T09:00:00+08:00'), 'hit'],
    ['no EXIF time: the declared time is used', exifAt(0, null, { tx: declaredAt(0, '2026-03-01T09:00:00+08:00') }), 'hit'],
    ['neither EXIF nor declared time', exifAt(0, null, { tx: declaredAt(0, null) }), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R35, patch), expected);
  });

  it('judges the spread between photos: > 24 h', () => {
    // Accepted early enough that neither photo is "before acceptance − 2 h".
    const spread = (b: string): FeaturesPatch => ({
      tx: { acceptedAt: '2026-03-01T09:00:00+08:00', completedAt: null, status: 'ACCEPTED' },
      photos: BASE_PHOTOS.map((p) => ({ ...p, exif: { takenAt: p.index === 1 ? b : '2026-03-01T09:00:00+08:00', lat: null, lon: null } })),
    });
    expectOutcome(run(R35, spread('2026-03-02T09:00:00+08:00')), 'miss');
    const outcome = expectOutcome(run(R35, spread('2026-03-02T09:00:01+08:00')), 'hit');
    expect(evidenceOf(outcome)).toMatchObject({ earlyPhotos: [], latePhotos: [] });
  });

  it('honours parameters and explains', () => {
    expectOutcome(run(R35, exifAt(0, '2026-03-02T06:15:00+08:00'), { beforeAcceptedHours: 4 }), 'miss');
    expect(run(R35, exifAt(0, '2026-03-02T10:30:00+08:00'))).toMatchObject({ reason: '1张照片拍摄于办结10分钟之后' });
  });
});
