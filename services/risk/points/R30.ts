import { z } from 'zod';
import { normalisePlate, PHOTO_KIND_NAMES } from '../../domain/index.ts';
import { confidenceParam, modelJudgedPhotos, photoLabel, photosOfKind } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ minConfidence: confidenceParam(0.9) });
type Params = z.output<typeof params>;

/**
 * R30 号牌不一致: a plate read with confidence ≥ 0.9 from a 45° photo differs from
 * vehicle.plate, both normalised. Not when vehicle.plate is null (before first registration).
 */
export const R30: RiskPoint<Params> = {
  code: 'R30',
  nameZh: '号牌不一致',
  nameEn: 'Plate mismatch',
  category: 'PHOTOS',
  defaultWeight: 50,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const declared = normalisePlate(f.tx.vehicle?.plate);
    if (declared === null) return MISS;
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const mismatched = photosOfKind(photos, ['LEFT_FRONT_45', 'RIGHT_REAR_45']).flatMap((ph) => {
      const read = ph.plate && ph.plate.confidence >= p.minConfidence ? normalisePlate(ph.plate.value) : null;
      return read !== null && read !== declared ? [{ index: ph.index, kind: ph.kind, read, confidence: ph.plate?.confidence ?? null }] : [];
    });
    const first = mismatched[0];
    if (first === undefined) return MISS;
    return hit(`${photoLabel(first.index, PHOTO_KIND_NAMES[first.kind])}识别号牌${first.read}与登记号牌${declared}不一致`, { declaredPlate: declared, photos: mismatched });
  },
};
