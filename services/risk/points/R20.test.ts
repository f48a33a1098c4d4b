import { describe, expect, it } from 'vitest';
import { R20 } from './R20.ts';
import { evidenceOf, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const booked = (phone: number, account: number, appointment: FeaturesPatch['tx'] = {}): FeaturesPatch => ({
  tx: appointment,
  aggregates: { bookerPhoneApplicants: { windowDays: 7, value: phone }, bookerAccountApplicants: { windowDays: 7, value: account } },
});

describe('R20 预约号源囤积', () => {
  it.each<[string, FeaturesPatch, Expected, (number | null)[]?]>([
    ['3 and 3', booked(3, 3), 'miss'],
    ['phone 4', booked(4, 1), 'hit', [4, null]],
    ['account 4', booked(1, 4), 'hit', [null, 4]],
    ['both 5', booked(5, 5), 'hit', [5, 5]],
    ['no appointment', booked(9, 9, { appointment: null }), 'miss'],
    ['no booker phone: phone count ignored', booked(9, 1, { appointment: { bookerPhone: null } }), 'miss'],
    ['no booker account: account count ignored', booked(1, 9, { appointment: { bookerAccount: null } }), 'miss'],
    ['blank booker account', booked(1, 9, { appointment: { bookerAccount: ' ' } }), 'miss'],
    ['no phone but account 4', booked(0, 4, { appointment: { bookerPhone: null } }), 'hit', [null, 4]],
  ])('%s → %s', (_name, patch, expected, counts) => {
    const outcome = expectOutcome(run(R20, patch), expected);
    if (counts) {
      const e = evidenceOf(outcome);
      expect([e.bookerPhoneApplicants, e.bookerAccountApplicants]).toEqual(counts);
    }
  });

  it('honours parameters and checks the window', () => {
    expectOutcome(run(R20, booked(2, 0), { minApplicants: 2 }), 'hit');
    expect(() => run(R20, booked(9, 9), { windowDays: 14 })).toThrow(/booker/);
  });

  it('explains', () => {
    expect(run(R20, booked(4, 5))).toMatchObject({ reason: '预约电话7天内为4名不同申请人预约；预约账号7天内为5名不同申请人预约' });
  });
});
