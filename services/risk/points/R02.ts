import { isWithinOpeningHours, localDateTime, parseHoursRange } from '../../domain/index.ts';
import { WEEKDAY_NAMES } from '../labels.ts';
import { clock, NO_PARAMS, zoneOf, type NoParams } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';


/**
 * R02 非工作时间受理: accepted outside the station's opening hours in its local time, a day
 * missing from `hours` being closed all day. ONLINE business has no counter hours.
 */
export const R02: RiskPoint<NoParams> = {
  code: 'R02',
  nameZh: '非工作时间受理',
  nameEn: 'Off-hours acceptance',
  category: 'HANDLER',
  defaultWeight: 25,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    if (f.tx.channel === 'ONLINE') return MISS;
    const station = f.reference.station;
    if (station === null) return pending(WAITING.station);
    const zone = zoneOf(f);
    if (isWithinOpeningHours(f.tx.acceptedAt, station.hours, zone)) return MISS;
    const local = localDateTime(f.tx.acceptedAt, zone);
    const hours = station.hours[local.weekday] ?? null;
    const day = WEEKDAY_NAMES[local.weekday];
    const when = `${local.date} ${clock(local.secondOfDay)}(${day})`;
    const reason = hours === null || parseHoursRange(hours) === null
      ? `受理时间${when}为本站非办公日`
      : `受理时间${when}不在本站办公时间${hours}内`;
    return hit(reason, { localDate: local.date, localTime: clock(local.secondOfDay), weekday: local.weekday, hours, timezone: zone });
  },
};
