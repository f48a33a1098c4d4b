import { z } from 'zod';
import { HOUR_MS, MINUTE_MS, photoFindings, round, timeMs } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({
  beforeAcceptedHours: z.number().min(0).max(720).default(2),
  afterCompletedMinutes: z.number().min(0).max(10_080).default(10),
  maxSpreadHours: z.number().min(0).max(720).default(24),
});
type Params = z.output<typeof params>;

/**
 * R35 拍摄时间异常: a photo taken (EXIF first, else the declared takenAt) before acceptedAt − 2 h
 * or after completedAt + 10 min, or the case's photos taken more than 24 h apart. Pending until
 * the pipeline has read the EXIF, since EXIF wins; the "after completion" clause waits for a
 * completedAt. Photos with no time at all cannot be judged.
 */
export const R35: RiskPoint<Params> = {
  code: 'R35',
  nameZh: '拍摄时间异常',
  nameEn: 'Photo time anomaly',
  category: 'PHOTOS',
  defaultWeight: 35,
  dualReview: false,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const photos = photoFindings(f);
    if (photos === undefined) return pending(WAITING.photos);
    const { tx } = f;
    const taken = photos.flatMap((ph) => {
      const at = ph.exif?.takenAt ?? tx.photos[ph.index]?.takenAt ?? null;
      return at === null ? [] : [{ index: ph.index, at: timeMs(at), source: ph.exif?.takenAt ? 'EXIF' : 'DECLARED' }];
    });
    if (taken.length === 0) return MISS;
    const earliestOk = timeMs(tx.acceptedAt) - p.beforeAcceptedHours * HOUR_MS;
    const latestOk = tx.completedAt === null ? Infinity : timeMs(tx.completedAt) + p.afterCompletedMinutes * MINUTE_MS;
    const early = taken.filter((t) => t.at < earliestOk);
    const late = taken.filter((t) => t.at > latestOk);
    const times = taken.map((t) => t.at);
    const spreadHours = (Math.max(...times) - Math.min(...times)) / HOUR_MS;
    const texts = [
      early.length > 0 ? `${early.length}张照片拍摄于受理前${p.beforeAcceptedHours}小时之前` : null,
      late.length > 0 ? `${late.length}张照片拍摄于办结${p.afterCompletedMinutes}分钟之后` : null,
      spreadHours > p.maxSpreadHours ? `照片拍摄时间相隔${round(spreadHours, 1)}小时，超过${p.maxSpreadHours}小时` : null,
    ].filter((t) => t !== null);
    if (texts.length === 0) return MISS;
    return hit(texts.join('；'), {
      earlyPhotos: early.map((t) => t.index), latePhotos: late.map((t) => t.index),
      spreadHours: round(spreadHours, 2), timeSources: taken.map((t) => t.source),
    });
  },
};
