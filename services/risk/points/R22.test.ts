import { describe, expect, it } from 'vitest';
import type { PreviousRegistration } from '../features.ts';
import { R22 } from './R22.ts';
import { evidenceOf, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const T = Date.parse('2026-03-02T09:15:00+08:00');
const prev = (daysBefore: number, type: PreviousRegistration['type'] = 'TRANSFER', transactionId = 'T-PREV'): PreviousRegistration =>
  ({ transactionId, type, acceptedAt: new Date(T - daysBefore * 86_400_000).toISOString() });
const premium = (previous: PreviousRegistration | null, plate: string | null = '浙A88888', type: 'TRANSFER' | 'CHANGE' = 'TRANSFER'): FeaturesPatch =>
  ({ tx: { type, vehicle: { plate } }, aggregates: { previousRegistration: previous } });

describe('R22 靓号倒卖', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['premium, previous transfer 42 days before', premium(prev(42)), 'hit'],
    ['premium, previous REG_NEW 180 days before exactly', premium(prev(180, 'REG_NEW')), 'hit'],
    ['premium, previous 180 days and 1 second before', premium(prev(180 + 1 / 86_400)), 'miss'],
    ['premium, previous 179 days before', premium(prev(179)), 'hit'],
    ['premium, previous at the same instant', premium(prev(0)), 'hit'],
    ['premium, previous after this one (out of order)', premium(prev(-1)), 'miss'],
    ['premium, no previous registration', premium(null), 'miss'],
    ['premium but the "previous" is this transaction id', premium(prev(10, 'TRANSFER', '330100-2026-0000123')), 'miss'],
    ['ordinary plate', premium(prev(10), '浙A3B719'), 'miss'],
    ['straight plate', premium(prev(10), '浙A12345'), 'hit'],
    ['green plate with 6-char serial', premium(prev(10), '浙AD88881'), 'hit'],
    ['null plate', premium(prev(10), null), 'miss'],
    ['premium, but CHANGE not TRANSFER', premium(prev(10), '浙A88888', 'CHANGE'), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R22, patch), expected);
  });

  it('honours the parameter', () => {
    expectOutcome(run(R22, premium(prev(200)), { withinDays: 365 }), 'hit');
    expectOutcome(run(R22, premium(prev(31)), { withinDays: 30 }), 'miss');
  });

  it('explains', () => {
    const outcome = run(R22, premium(prev(42)));
    expect(outcome).toMatchObject({ reason: '靓号浙A88888(多位相同)车辆距上次转移登记仅42天再次转移' });
    expect(evidenceOf(outcome)).toMatchObject({ daysSincePrevious: 42, previousTransactionId: 'T-PREV', pattern: 'REPEATED' });
  });
});
