import { z } from 'zod';
import { PHOTO_KIND_NAMES } from '../../domain/index.ts';
import type { Bounds, PhotoFindings } from '../photo-findings.ts';
import { modelJudgedPhotos, photoLabel } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({
  minWidth: z.number().int().min(1).default(640),
  minHeight: z.number().int().min(1).default(480),
});
type Params = z.output<typeof params>;

const outside = (value: number | null, bounds: Bounds): boolean => value !== null && (value < bounds.min || value > bounds.max);

/** The quality problems of one photo: resolution, then blur and exposure against calibration. */
function problemsOf(ph: PhotoFindings, p: Params): string[] {
  const q = ph.quality;
  if (q === null) return [];
  const problems: string[] = [];
  // Orientation does not matter: a 480×640 portrait has as many pixels each way as 640×480.
  const long = Math.max(q.width, q.height);
  const short = Math.min(q.width, q.height);
  if (long < Math.max(p.minWidth, p.minHeight) || short < Math.min(p.minWidth, p.minHeight)) problems.push(`分辨率${q.width}×${q.height}低于${p.minWidth}×${p.minHeight}`);
  if (q.bounds !== null && outside(q.blur, q.bounds.blur)) problems.push(`模糊度${q.blur}超出标定范围${q.bounds.blur.min}–${q.bounds.blur.max}`);
  if (q.bounds !== null && outside(q.exposure, q.bounds.exposure)) problems.push(`曝光${q.exposure}超出标定范围${q.bounds.exposure.min}–${q.bounds.exposure.max}`);
  return problems;
}

/**
 * R34 照片质量不合格: resolution below 640×480 (either orientation), or blur or exposure
 * outside the bounds calibrated for the photo's kind (bounds inclusive). Undecodable photos
 * have no quality and are R28's business.
 */
export const R34: RiskPoint<Params> = {
  code: 'R34',
  nameZh: '照片质量不合格',
  nameEn: 'Poor photo quality',
  category: 'PHOTOS',
  defaultWeight: 15,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const photos = modelJudgedPhotos(f);
    if (photos === undefined) return pending(WAITING.photos);
    const poor = photos.map((ph) => ({ ph, problems: problemsOf(ph, p) })).filter((x) => x.problems.length > 0);
    const first = poor[0];
    if (first === undefined) return MISS;
    return hit(`${photoLabel(first.ph.index, PHOTO_KIND_NAMES[first.ph.kind])}${first.problems.join('，')}${poor.length > 1 ? `(共${poor.length}张照片质量不合格)` : ''}`, {
      photos: poor.map((x) => ({ index: x.ph.index, kind: x.ph.kind, problems: x.problems.join('；') })),
    });
  },
};
