import { describe, expect, it } from 'vitest';
import { R14 } from './R14.ts';
import { expectOutcome, ORGANISATION, PHONES, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const shared = (value: number, phone: string | null = PHONES.applicant, extra: FeaturesPatch = {}): FeaturesPatch => ({
  ...extra, tx: { applicant: { phone } }, aggregates: { applicantPhoneApplicants: { windowDays: 90, value } },
});

describe('R14 电话多人共用', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['1 applicant', shared(1), 'miss'],
    ['2 applicants', shared(2), 'miss'],
    ['3 applicants', shared(3), 'hit'],
    ['4 applicants', shared(4), 'hit'],
    ['no phone', shared(5, null), 'miss'],
    ['blank phone', shared(5, ' - '), 'miss'],
    ['registered organisation phone', shared(9, '057188888888'), 'miss'],
    ['registered clerk phone, written with +86', shared(9, `+86${PHONES.clerk}`), 'miss'],
    ['clerk phone of an organisation not in the reference data', shared(9, PHONES.clerk, { reference: { organisations: [] } }), 'hit'],
    ['organisation phone of another organisation', shared(9, PHONES.applicant, { reference: { organisations: [{ ...ORGANISATION, phones: ['13800000001'] }] } }), 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R14, patch), expected);
  });

  it('uses configured thresholds and checks the window', () => {
    expectOutcome(run(R14, shared(2), { minApplicants: 2 }), 'hit');
    expect(() => run(R14, shared(3), { windowDays: 30 })).toThrow(/applicantPhoneApplicants/);
  });

  it('explains', () => {
    expect(run(R14, shared(3))).toMatchObject({ reason: '申请人电话90天内被3名不同申请人使用' });
  });
});
