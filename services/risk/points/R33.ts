import { z } from 'zod';
import { normaliseVin } from '../../domain/index.ts';
import type { PhotoHashMatch } from '../features.ts';
import { modelJudgedPhotos } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({ maxHammingDistance: z.number().int().min(0).max(64).default(6) });
type Params = z.output<typeof params>;

/**
 * R33 照片重复使用 ◆: a photo equals (sha256) or nearly equals (perceptual hash within Hamming
 * distance 6) a photo of another transaction of a different vehicle. Photos of the same
 * VIN may legitimately recur; a VIN unknown on either side proves no difference.
 */
export const R33: RiskPoint<Params> = {
  code: 'R33',
  nameZh: '照片重复使用',
  nameEn: 'Reused photo',
  category: 'PHOTOS',
  defaultWeight: 70,
  dualReview: true,
  timing: 'PHOTOS',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const vin = normaliseVin(f.tx.vehicle?.vin);
    const otherVehicle = (m: PhotoHashMatch): boolean => m.otherTransactionId !== f.tx.id
      && vin !== null && m.otherVin !== null && normaliseVin(m.otherVin) !== vin;
    const exact = f.aggregates.photoSha256Reuse.filter(otherVehicle);
    const photos = modelJudgedPhotos(f);
    if (exact.length === 0 && photos === undefined) return pending(WAITING.photos);
    const near = (photos ?? []).flatMap((ph) => ph.nearDuplicates ?? [])
      .filter((m) => otherVehicle(m) && m.distance <= p.maxHammingDistance);
    // The pipeline reports identical files among its near-duplicates too: keep each pair once.
    const byPair = new Map<string, PhotoHashMatch>();
    for (const m of [...exact.map((e) => ({ ...e, sameSha256: true, distance: 0 })), ...near]) {
      const pair = `${m.photoIndex}|${m.otherTransactionId}`;
      if (!byPair.has(pair)) byPair.set(pair, m);
    }
    const matches = [...byPair.values()];
    const first = matches[0];
    if (first === undefined) return MISS;
    const how = first.sameSha256 ? '完全相同' : `高度相似(汉明距离${first.distance})`;
    const others = new Set(matches.map((m) => m.otherTransactionId));
    return hit(`第${first.photoIndex + 1}张照片与其他车辆业务${first.otherTransactionId}的照片${how}${others.size > 1 ? `，共涉及${others.size}笔业务` : ''}`, {
      matches: matches.map((m) => ({ photoIndex: m.photoIndex, otherTransactionId: m.otherTransactionId, sameSha256: m.sameSha256, distance: m.distance })),
    });
  },
};
