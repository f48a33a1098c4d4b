import { describe, expect, it } from 'vitest';
import type { HandlerNearbyTransaction } from '../features.ts';
import { R04 } from './R04.ts';
import { evidenceOf, expectOutcome, run, STATION, type Expected, type FeaturesPatch } from './test-fixtures.ts';

/** One degree of latitude is 111.195 km on the mean sphere; offsets below are in km north. */
const KM_PER_DEG = 111.19508;
function other(minutes: number, kmNorth: number | null, extra: Partial<HandlerNearbyTransaction> = {}): HandlerNearbyTransaction {
  const acceptedAt = new Date(Date.parse('2026-03-02T09:15:00+08:00') + minutes * 60_000).toISOString();
  return {
    transactionId: 'T-OTHER', stationCode: '330100-DMV-02', acceptedAt,
    stationLat: kmNorth === null ? null : 30.27 + kmNorth / KM_PER_DEG, stationLon: kmNorth === null ? null : 120.15, ...extra,
  };
}
const nearby = (...items: HandlerNearbyTransaction[]): FeaturesPatch => ({ aggregates: { handlerNearby: { windowMinutes: 30, items } } });

describe('R04 账号异地同时使用', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['no other transaction', {}, 'miss'],
    ['30 min later, 6 km away', nearby(other(30, 6)), 'hit'],
    ['30 min earlier, 6 km away', nearby(other(-30, 6)), 'hit'],
    ['30 min 1 s later, 6 km away', nearby(other(30 + 1 / 60, 6)), 'miss'],
    ['10 min, 5.01 km away', nearby(other(10, 5.01)), 'hit'],
    ['10 min, 4.99 km away', nearby(other(10, 4.99)), 'miss'],
    ['10 min, 100 km away but the same station code', nearby(other(10, 100, { stationCode: STATION.code })), 'miss'],
    ['an earlier version of this transaction is not another one', nearby(other(10, 100, { transactionId: '330100-2026-0000123' })), 'miss'],
    ['other station without coordinates', nearby(other(10, null)), 'pending'],
    ['this station without coordinates', { ...nearby(other(10, 50)), reference: { station: { ...STATION, lat: null, lon: null } } }, 'pending'],
    ['one far among unknown positions still fires', nearby(other(10, null), other(12, 50, { transactionId: 'T-2' })), 'hit'],
    ['far but outside the window, unknown inside', nearby(other(40, 50), other(10, null, { transactionId: 'T-2' })), 'pending'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R04, patch), expected);
  });

  it('honours configured thresholds', () => {
    expectOutcome(run(R04, { aggregates: { handlerNearby: { windowMinutes: 60, items: [other(45, 3)] } } }, { withinMinutes: 60, minDistanceKm: 2 }), 'hit');
    expectOutcome(run(R04, { aggregates: { handlerNearby: { windowMinutes: 60, items: [other(45, 3)] } } }), 'miss');
  });

  it('rejects a fetch narrower than the parameter', () => {
    expect(() => run(R04, nearby(other(10, 50)), { withinMinutes: 45 })).toThrow(/handlerNearby/);
  });

  it('reports distance and time apart', () => {
    const outcome = run(R04, nearby(other(12, 50)));
    expect(evidenceOf(outcome).otherTransactions).toEqual([{ transactionId: 'T-OTHER', stationCode: '330100-DMV-02', minutesApart: 12, distanceKm: 50 }]);
    expect(outcome).toMatchObject({ reason: '经办人H10023在12分钟内于相距50公里的330100-DMV-02另有受理(T-OTHER)' });
  });
});
