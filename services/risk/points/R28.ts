import { businessType, type PhotoKind } from '../../domain/index.ts';
import { photoKindNames } from '../labels.ts';
import { NO_PARAMS, photoFindings, type NoParams } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

/**
 * R28 查验照片缺失: a photo kind the business type requires is not declared at all (known at
 * ingestion), or every declared photo of that kind turned out not to be a decodable image
 * (known once the photo pipeline has run).
 */
export const R28: RiskPoint<NoParams> = {
  code: 'R28',
  nameZh: '查验照片缺失',
  nameEn: 'Missing photo',
  category: 'PHOTOS',
  defaultWeight: 40,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const required = businessType(f.tx.type).requiredPhotos;
    const declared = new Set(f.tx.photos.map((p) => p.kind));
    const absent = required.filter((kind) => !declared.has(kind));
    const photos = photoFindings(f);
    let unreadable: PhotoKind[] = [];
    if (photos !== undefined) {
      const readable = new Set(photos.filter((p) => p.decodable).map((p) => p.kind));
      unreadable = required.filter((kind) => declared.has(kind) && !readable.has(kind));
    }
    if (absent.length === 0 && unreadable.length === 0) return photos === undefined ? pending(WAITING.photos) : MISS;
    const texts = [
      absent.length > 0 ? `缺少必需查验照片：${photoKindNames(absent)}` : null,
      unreadable.length > 0 ? `查验照片无法识读：${photoKindNames(unreadable)}` : null,
    ].filter((t) => t !== null);
    return hit(texts.join('；'), { absentKinds: absent, unreadableKinds: unreadable });
  },
};
