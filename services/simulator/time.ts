/**
 * Local time of the simulated office. Asia/Shanghai has had no daylight saving since 1991,
 * so a fixed +08:00 offset is exact and keeps formatting independent of the host zone.
 */
import type { Weekday } from '../domain/codes.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;
const WEEKDAY_KEYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Epoch ms of local midnight of a YYYY-MM-DD date. */
export function localMidnight(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - OFFSET;
}

export function formatLocal(ms: number): string {
  const t = new Date(ms + OFFSET);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return `${date}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00`;
}

export function localDate(ms: number): string {
  return formatLocal(ms).slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return localDate(localMidnight(date) + days * DAY + HOUR);
}

export function weekdayOf(ms: number): Weekday {
  return WEEKDAY_KEYS[new Date(ms + OFFSET).getUTCDay()] ?? 'mon';
}

/** Seconds since local midnight. */
export function secondOfDay(ms: number): number {
  return Math.floor((((ms + OFFSET) % DAY) + DAY) % DAY / SECOND);
}

export function parseRange(range: string): [number, number] {
  const [start, end] = range.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return (h * 60 + m) * 60;
  }) as [number, number];
  return [start, end];
}

export type Hours = Partial<Record<Weekday, string>>;

/** The [open, close) interval in epoch ms on the day starting at `midnight`, or null when closed. */
export function openInterval(hours: Hours, midnight: number): [number, number] | null {
  const range = hours[weekdayOf(midnight + HOUR)];
  if (range === undefined) return null;
  const [start, end] = parseRange(range);
  return [midnight + start * SECOND, midnight + end * SECOND];
}

export function isOpenAt(hours: Hours, ms: number): boolean {
  const range = hours[weekdayOf(ms)];
  if (range === undefined) return false;
  const [start, end] = parseRange(range);
  const s = secondOfDay(ms);
  return s >= start && s < end;
}

export function compactDate(ms: number): string {
  return localDate(ms).replace(/-/g, '');
}
