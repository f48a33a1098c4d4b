/**
 * Local calendar time in a station's IANA zone (risk-points.md "Local time"): the acceptance
 * date, the weekday and the time of day that R02, R07, R09, R12 and R26 judge by. Intl does
 * the zone arithmetic so that zones with daylight saving work too, not only Asia/Shanghai.
 */
import { DEFAULT_TIMEZONE, WEEKDAYS, type Weekday } from './codes.ts';

export interface LocalDateTime {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly weekday: Weekday;
  /** Seconds since local midnight, 0 … 86 399. */
  readonly secondOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, found);
  }
  return found;
}

interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number }

function formattedFields(instant: Date, zone: string): Fields {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1,
    hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
  };
}

/**
 * Zone offsets only change on quarter-hour boundaries, so one Intl lookup per zone and quarter
 * hour serves every instant in it; formatToParts is far too slow to call per field per point.
 */
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 200_000;

function offsetAt(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const probe = new Date(Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
    const f = formattedFields(probe, zone);
    offset = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - probe.getTime();
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function localFields(instant: Date, zone: string): Fields {
  const shifted = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetAt(instant.getTime(), zone));
  return {
    year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds(),
  };
}

function toInstant(instant: string | Date): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The zone to use for a station: its own, or the contract's default. */
export function stationZone(station: { readonly timezone?: string | null } | null | undefined): string {
  return station?.timezone ?? DEFAULT_TIMEZONE;
}

export function localDateTime(instant: string | Date, zone: string = DEFAULT_TIMEZONE): LocalDateTime {
  const f = localFields(toInstant(instant), zone);
  // The weekday of a calendar date does not depend on the zone; compute it in UTC.
  const utcDay = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
  const weekday = WEEKDAYS[(utcDay + 6) % 7] ?? 'mon';
  return {
    date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`,
    weekday,
    secondOfDay: f.hour * 3600 + f.minute * 60 + f.second,
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string | Date, zone: string = DEFAULT_TIMEZONE): string {
  return localDateTime(instant, zone).date;
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
function offsetMs(instant: Date, zone: string): number {
  const f = localFields(instant, zone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The first instant of a local date in a zone (midnight, or later if a DST gap skips it). */
export function startOfLocalDate(date: string, zone: string = DEFAULT_TIMEZONE): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wallClock = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  // Two rounds settle the offset even when midnight is near a daylight-saving switch.
  let guess = wallClock - offsetMs(new Date(wallClock), zone);
  guess = wallClock - offsetMs(new Date(guess), zone);
  if (localDate(new Date(guess), zone) !== date) guess += 3_600_000;
  return new Date(guess);
}

/**
 * The local day an instant falls on, as the half-open interval [start, end) of instants. The
 * feature fetcher uses it for R07's "transactions accepted on this local day".
 */
export function localDayBounds(instant: string | Date, zone: string = DEFAULT_TIMEZONE): { start: Date; end: Date } {
  const date = localDate(instant, zone);
  // A batch's transactions fall on a handful of days: each day's bounds are worked out once.
  const key = `${zone}|${date}`;
  let bounds = dayBoundsCache.get(key);
  if (bounds === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    const next = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
    bounds = [startOfLocalDate(date, zone).getTime(), startOfLocalDate(next, zone).getTime()];
    if (dayBoundsCache.size >= DAY_BOUNDS_CACHE_LIMIT) dayBoundsCache.clear();
    dayBoundsCache.set(key, bounds);
  }
  return { start: new Date(bounds[0]), end: new Date(bounds[1]) };
}

const dayBoundsCache = new Map<string, [number, number]>();
const DAY_BOUNDS_CACHE_LIMIT = 20_000;

/** Opening hours as the reference data gives them: weekday → "HH:MM-HH:MM"; a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, string>>;

/** Parses "08:30-17:30" into [start, end) seconds of the day, or null when malformed. */
export function parseHoursRange(range: string): { start: number; end: number } | null {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(range);
  if (!match) return null;
  const [, h1, m1, h2, m2] = match.map(Number);
  return { start: ((h1 ?? 0) * 60 + (m1 ?? 0)) * 60, end: ((h2 ?? 0) * 60 + (m2 ?? 0)) * 60 };
}

/** True when the instant, in the zone's local time, lies inside that weekday's [start, end). */
export function isWithinOpeningHours(instant: string | Date, hours: OpeningHours, zone: string = DEFAULT_TIMEZONE): boolean {
  const local = localDateTime(instant, zone);
  const range = hours[local.weekday];
  if (range === undefined) return false;
  const parsed = parseHoursRange(range);
  return parsed !== null && local.secondOfDay >= parsed.start && local.secondOfDay < parsed.end;
}
