import { z } from 'zod';
import { COLOR_NAMES } from '../labels.ts';
import { confidenceParam, modelJudgedPhotos } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ minConfidence: confidenceParam(0.8) });
type Params = z.output<typeof params>;

/**
 * R38 车身颜色不一致: the colour estimated from a LEFT_FRONT_45 photo differs from vehicle.color
 * with confidence ≥ 0.8. Not when vehicle.color is null: nothing was declared to contradict.
 */
export const R38: RiskPoint<Params> = {
  code: 'R38',
  nameZh: '车身颜色不一致',
  nameEn: 'Colour mismatch',
  category: 'PHOTOS',
  defaultWeight: 25,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const declared = f.tx.vehicle?.color ?? null;
    if (declared === null) return MISS;
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const differing = photos.filter((ph) => ph.kind === 'LEFT_FRONT_45' && ph.color !== null
      && ph.color.value !== declared && ph.color.confidence >= p.minConfidence);
    const first = differing[0];
    if (first?.color == null) return MISS;
    return hit(`第${first.index + 1}张照片(左前方45度)识别车身颜色为${COLOR_NAMES[first.color.value]}色(置信度${first.color.confidence})，登记为${COLOR_NAMES[declared]}色`, {
      declared, estimated: first.color.value, confidence: first.color.confidence,
    });
  },
};
