import { z } from 'zod';
import { normaliseVin, PHOTO_KIND_NAMES } from '../../domain/index.ts';
import { confidenceParam, modelJudgedPhotos, photoLabel, photosOfKind } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ minConfidence: confidenceParam(0.9) });
type Params = z.output<typeof params>;

/**
 * R31 识别代号不一致: a 17-character VIN read with confidence ≥ 0.9 from a VIN stamp or
 * rubbing photo differs from vehicle.vin. A partial read (not 17 characters) proves
 * nothing, and a case without a VIN is R32's finding, not a mismatch.
 */
export const R31: RiskPoint<Params> = {
  code: 'R31',
  nameZh: '识别代号不一致',
  nameEn: 'VIN mismatch',
  category: 'PHOTOS',
  defaultWeight: 60,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const declared = normaliseVin(f.tx.vehicle?.vin);
    if (declared === null) return MISS;
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const mismatched = photosOfKind(photos, ['VIN_STAMP', 'VIN_RUBBING']).flatMap((ph) => {
      const read = ph.vin && ph.vin.confidence >= p.minConfidence ? normaliseVin(ph.vin.value) : null;
      return read !== null && read.length === 17 && read !== declared ? [{ index: ph.index, kind: ph.kind, read, confidence: ph.vin?.confidence ?? null }] : [];
    });
    const first = mismatched[0];
    if (first === undefined) return MISS;
    return hit(`${photoLabel(first.index, PHOTO_KIND_NAMES[first.kind])}识别车辆识别代号${first.read}与登记的${declared}不一致`, { declaredVin: declared, photos: mismatched });
  },
};
