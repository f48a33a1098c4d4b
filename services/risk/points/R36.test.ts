import { describe, expect, it } from 'vitest';
import { R36 } from './R36.ts';
import { BASE_PHOTOS, BASE_TX, expectOutcome, run, STATION, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const KM_PER_DEG = 111.19508;
/** Position `km` north of the station (30.27, 120.15). */
const north = (km: number) => ({ lat: 30.27 + km / KM_PER_DEG, lon: 120.15 });
const exifAt = (km: number | null, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, photos: BASE_PHOTOS.map((p) => (p.index === 0 ? { ...p, exif: km === null ? null : { takenAt: null, ...north(km) } } : p)),
});
const declaredAt = (km: number | null): FeaturesPatch['tx'] => ({
  photos: BASE_TX.photos.map((p, i) => (i === 0 ? { ...p, ...(km === null ? { lat: null, lon: null } : north(km)) } : p)),
});

describe('R36 拍摄地点异常', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['at the station', {}, 'miss'],
    ['photo checks pending', { photos: undefined }, 'pending'],
    ['0.99 km away', exifAt(0.99), 'miss'],
    ['1.01 km away', exifAt(1.01), 'hit'],
    ['EXIF wins over a declared position at the station', exifAt(5), 'hit'],
    ['no EXIF GPS: declared position used', exifAt(null, { tx: declaredAt(3) }), 'hit'],
    ['no EXIF GPS, declared near', exifAt(null, { tx: declaredAt(0.5) }), 'miss'],
    ['no position at all', { photos: BASE_PHOTOS.map((p) => ({ ...p, exif: null })), tx: { photos: BASE_TX.photos.map((p) => ({ ...p, lat: null, lon: null })) } }, 'miss'],
    ['EXIF with latitude only falls back to declared', { photos: BASE_PHOTOS.map((p) => (p.index === 0 ? { ...p, exif: { takenAt: null, lat: 40, lon: null } } : p)) }, 'miss'],
    ['station without coordinates', exifAt(5, { reference: { station: { ...STATION, lat: null, lon: null } } }), 'pending'],
    ['unknown station', exifAt(5, { reference: { station: null } }), 'pending'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R36, patch), expected);
  });

  it('honours the distance parameter and explains', () => {
    expectOutcome(run(R36, exifAt(3), { maxDistanceKm: 5 }), 'miss');
    expect(run(R36, exifAt(3))).toMatchObject({ reason: '第1张照片拍摄位置距本站3公里，超过1公里' });
  });
});
