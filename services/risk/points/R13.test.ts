import { describe, expect, it } from 'vitest';
import { R13 } from './R13.ts';
import { expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const count = (value: number, tx: FeaturesPatch['tx'] = {}, windowDays = 30): FeaturesPatch => ({ tx, aggregates: { applicantRegistrations: { windowDays, value } } });

describe('R13 个人高频办理', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['TRANSFER, 4 in window', count(4), 'miss'],
    ['TRANSFER, 5 in window', count(5), 'hit'],
    ['TRANSFER, 6 in window', count(6), 'hit'],
    ['REG_NEW, 5 in window', count(5, { type: 'REG_NEW' }), 'hit'],
    ['CHANGE, 9 in window: not a REG_NEW/TRANSFER', count(9, { type: 'CHANGE' }), 'miss'],
    ['organisation applicant, 9', count(9, { applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2XXXXXX1' } }), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R13, patch), expected);
  });

  it('uses configured window and threshold, and refuses a mismatched window', () => {
    expectOutcome(run(R13, count(3, {}, 60), { windowDays: 60, minCount: 3 }), 'hit');
    expect(() => run(R13, count(9, {}, 30), { windowDays: 60 })).toThrow(/applicantRegistrations/);
  });

  it('explains', () => {
    expect(run(R13, count(5))).toMatchObject({ reason: '申请人30天内办理注册/转移登记5笔', evidence: { registrations: 5 } });
  });
});
