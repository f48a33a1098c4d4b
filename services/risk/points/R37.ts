import { z } from 'zod';
import { confidenceParam, modelJudgedPhotos } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ minConfidence: confidenceParam(0.5) });
type Params = z.output<typeof params>;

/**
 * R37 查验员未出镜: an inspector-with-vehicle photo in which the person detector finds nobody
 * with confidence ≥ 0.5. A photo the detector could not process (persons null) proves nothing.
 */
export const R37: RiskPoint<Params> = {
  code: 'R37',
  nameZh: '查验员未出镜',
  nameEn: 'Inspector absent',
  category: 'PHOTOS',
  defaultWeight: 30,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const empty = photos.filter((ph) => ph.kind === 'INSPECTOR_WITH_VEHICLE' && ph.persons !== null
      && !ph.persons.some((person) => person.confidence >= p.minConfidence));
    const first = empty[0];
    if (first === undefined) return MISS;
    const best = Math.max(0, ...(first.persons ?? []).map((x) => x.confidence));
    return hit(`第${first.index + 1}张照片(查验员与车辆合影)中未检出人员(最高置信度${best})`, {
      photos: empty.map((ph) => ph.index), maxPersonConfidence: best, threshold: p.minConfidence,
    });
  },
};
