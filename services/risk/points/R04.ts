import { z } from 'zod';
import { distanceKm, latLon } from '../../domain/index.ts';
import { MINUTE_MS, round, timeMs } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

const params = z.strictObject({
  /** "within 30 min": |Δ acceptedAt| ≤ this many minutes. */
  withinMinutes: z.number().int().min(1).max(1440).default(30),
  /** "more than 5 km" apart (strictly). */
  minDistanceKm: z.number().positive().max(20_000).default(5),
});
type Params = z.output<typeof params>;

/**
 * R04 账号异地同时使用: the same handler accepted another transaction at another station too
 * far away to have travelled between the two acceptances.
 */
export const R04: RiskPoint<Params> = {
  code: 'R04',
  nameZh: '账号异地同时使用',
  nameEn: 'Impossible travel',
  category: 'HANDLER',
  defaultWeight: 50,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const { tx } = f;
    const nearby = f.aggregates.handlerNearby;
    if (nearby.windowMinutes < p.withinMinutes) {
      // The items carry timestamps, so a wider fetch is filtered here; a narrower one is not enough.
      throw new Error(`handlerNearby: fetched over ${nearby.windowMinutes} min, parameter asks for ${p.withinMinutes}`);
    }
    const t = timeMs(tx.acceptedAt);
    const candidates = nearby.items.filter((item) => item.transactionId !== tx.id
      && item.stationCode !== tx.stationCode
      && Math.abs(timeMs(item.acceptedAt) - t) <= p.withinMinutes * MINUTE_MS);
    if (candidates.length === 0) return MISS;
    const here = latLon(f.reference.station?.lat, f.reference.station?.lon);
    let unknownPosition = false;
    const far: { transactionId: string; stationCode: string; minutesApart: number; distanceKm: number }[] = [];
    for (const item of candidates) {
      const there = latLon(item.stationLat, item.stationLon);
      if (here === null || there === null) {
        unknownPosition = true;
        continue;
      }
      const km = distanceKm(here, there);
      if (km > p.minDistanceKm) {
        const minutesApart = round(Math.abs(timeMs(item.acceptedAt) - t) / MINUTE_MS, 1);
        far.push({ transactionId: item.transactionId, stationCode: item.stationCode, minutesApart, distanceKm: round(km, 2) });
      }
    }
    const first = far[0];
    if (first === undefined) return unknownPosition ? pending(WAITING.stationPosition) : MISS;
    return hit(
      `经办人${tx.handlerId}在${first.minutesApart}分钟内于相距${first.distanceKm}公里的${first.stationCode}另有受理(${first.transactionId})`,
      { otherTransactions: far },
    );
  },
};
