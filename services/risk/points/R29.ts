import { z } from 'zod';
import { PHOTO_KIND_NAMES } from '../../domain/index.ts';
import { confidenceParam, modelJudgedPhotos, photoLabel } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ minConfidence: confidenceParam(0.8) });
type Params = z.output<typeof params>;

/** R29 照片类型不符: the photo-type model's top class differs from the declared kind, confidently. */
export const R29: RiskPoint<Params> = {
  code: 'R29',
  nameZh: '照片类型不符',
  nameEn: 'Wrong photo kind',
  category: 'PHOTOS',
  defaultWeight: 30,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const wrong = photos.filter((ph) => ph.predictedKind !== null
      && ph.predictedKind.value !== ph.kind && ph.predictedKind.confidence >= p.minConfidence);
    const first = wrong[0];
    if (first?.predictedKind == null) return MISS;
    return hit(`${photoLabel(first.index, PHOTO_KIND_NAMES[first.kind])}经识别为${PHOTO_KIND_NAMES[first.predictedKind.value]}(置信度${first.predictedKind.confidence})`, {
      photos: wrong.map((ph) => ({ index: ph.index, declared: ph.kind, predicted: ph.predictedKind?.value ?? null, confidence: ph.predictedKind?.confidence ?? null })),
    });
  },
};
