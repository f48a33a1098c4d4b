import { describe, expect, it } from 'vitest';
import { isWithinOpeningHours, localDate, localDateTime, localDayBounds, parseHoursRange, stationZone, startOfLocalDate } from './local-time.ts';

const HOURS = { mon: '08:30-17:30', sat: '09:00-12:00', sun: '00:00-24:00' } as const;

describe('localDateTime', () => {
  it('converts to the zone and names the weekday', () => {
    // 2026-03-01 is a Sunday; 16:30Z is 00:30 on Monday 2 March in Shanghai.
    expect(localDateTime('2026-03-01T16:30:00Z', 'Asia/Shanghai')).toEqual({ date: '2026-03-02', weekday: 'mon', secondOfDay: 1800 });
    expect(localDateTime('2026-03-01T16:30:00Z', 'UTC')).toEqual({ date: '2026-03-01', weekday: 'sun', secondOfDay: 59400 });
  });
  it('reads midnight as 00, not 24', () => {
    expect(localDateTime('2026-03-01T16:00:00Z', 'Asia/Shanghai').secondOfDay).toBe(0);
  });
  it('rejects an invalid instant', () => {
    expect(() => localDate('not a time')).toThrow(RangeError);
  });
});

describe('isWithinOpeningHours', () => {
  it.each([
    ['2026-03-02T08:29:59+08:00', false], ['2026-03-02T08:30:00+08:00', true],
    ['2026-03-02T17:29:59+08:00', true], ['2026-03-02T17:30:00+08:00', false],
    ['2026-03-03T10:00:00+08:00', false], // Tuesday: missing from hours, closed
    ['2026-03-07T11:59:00+08:00', true], ['2026-03-07T12:00:00+08:00', false],
    ['2026-03-08T23:59:59+08:00', true], ['2026-03-08T00:00:00+08:00', true],
    ['2026-03-02T01:00:00Z', true], // 09:00 local
  ])('%s → %s', (instant, inside) => {
    expect(isWithinOpeningHours(instant, HOURS, 'Asia/Shanghai')).toBe(inside);
  });
  it('uses the given zone', () => {
    expect(isWithinOpeningHours('2026-03-02T10:00:00Z', HOURS, 'Europe/London')).toBe(true);
    expect(isWithinOpeningHours('2026-03-02T10:00:00Z', HOURS, 'Asia/Shanghai')).toBe(false);
  });
});

describe('day bounds', () => {
  it('gives [local midnight, next midnight)', () => {
    const { start, end } = localDayBounds('2026-03-02T23:59:59+08:00', 'Asia/Shanghai');
    expect(start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });
  it('copes with a daylight-saving day of 23 hours', () => {
    const { start, end } = localDayBounds('2026-03-29T12:00:00+02:00', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });
  it('starts a day whose midnight is skipped at the first existing instant', () => {
    // Chile springs forward at 24:00 → 01:00 on 2026-09-06 (America/Santiago).
    const start = startOfLocalDate('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2026-09-05');
  });
});

describe('parseHoursRange / stationZone', () => {
  it('parses a range to seconds', () => {
    expect(parseHoursRange('08:30-24:00')).toEqual({ start: 30600, end: 86400 });
    expect(parseHoursRange('8:30-17:00')).toBeNull();
  });
  it('defaults the zone', () => {
    expect(stationZone(null)).toBe('Asia/Shanghai');
    expect(stationZone({ timezone: null })).toBe('Asia/Shanghai');
    expect(stationZone({ timezone: 'UTC' })).toBe('UTC');
  });
});
