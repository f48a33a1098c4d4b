import { z } from 'zod';
import { distanceKm, latLon } from '../../domain/index.ts';
import { photoFindings, round } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ maxDistanceKm: z.number().positive().max(20_000).default(1) });
type Params = z.output<typeof params>;

/**
 * R36 拍摄地点异常: a photo's position (EXIF GPS first, else the declared lat/lon) is more than
 * 1 km from the station. A photo with no position cannot be judged; a station without
 * coordinates leaves the point pending on reference data.
 */
export const R36: RiskPoint<Params> = {
  code: 'R36',
  nameZh: '拍摄地点异常',
  nameEn: 'Photo location anomaly',
  category: 'PHOTOS',
  defaultWeight: 35,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const photos = photoFindings(f);
    if (photos === undefined) return pending(WAITING.photos);
    const positioned = photos.flatMap((ph) => {
      const declared = f.tx.photos[ph.index];
      const exif = latLon(ph.exif?.lat, ph.exif?.lon);
      const pos = exif ?? latLon(declared?.lat, declared?.lon);
      return pos === null ? [] : [{ index: ph.index, pos, source: exif ? 'EXIF' : 'DECLARED' }];
    });
    if (positioned.length === 0) return MISS;
    const station = latLon(f.reference.station?.lat, f.reference.station?.lon);
    if (station === null) return pending(f.reference.station === null ? WAITING.station : WAITING.stationPosition);
    const far = positioned.map((x) => ({ ...x, km: distanceKm(x.pos, station) })).filter((x) => x.km > p.maxDistanceKm);
    const first = far[0];
    if (first === undefined) return MISS;
    return hit(`第${first.index + 1}张照片拍摄位置距本站${round(first.km, 2)}公里，超过${p.maxDistanceKm}公里${far.length > 1 ? `(共${far.length}张)` : ''}`, {
      photos: far.map((x) => ({ index: x.index, distanceKm: round(x.km, 3), source: x.source })),
    });
  },
};
