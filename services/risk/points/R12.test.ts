import { describe, expect, it } from 'vitest';
import { R12 } from './R12.ts';
import { evidenceOf, expectOutcome, run, validId, type Expected, type FeaturesPatch } from './test-fixtures.ts';

/** Acceptance is 2026-03-02 (local). */
const born = (birth: string, type: 'DL_APPLY' | 'TRANSFER' = 'DL_APPLY'): FeaturesPatch => ({ tx: { type, applicant: { idNumber: validId(birth) } } });

describe('R12 年龄条件不符', () => {
  it.each<[string, FeaturesPatch, Expected, number?]>([
    ['DL_APPLY aged 36', born('19900101'), 'miss'],
    ['DL_APPLY turning 18 on the acceptance date', born('20080302'), 'miss'],
    ['DL_APPLY turning 18 the day after', born('20080303'), 'hit', 17],
    ['DL_RENEW aged 17 is not the age rule', { tx: { type: 'DL_RENEW', applicant: { idNumber: validId('20080303') } } }, 'miss'],
    ['TRANSFER aged 17 is not the age rule', born('20080303', 'TRANSFER'), 'miss'],
    ['any type, aged 100', born('19250303', 'TRANSFER'), 'miss'],
    ['any type, turning 101 on the acceptance date', born('19250302', 'TRANSFER'), 'hit', 101],
    ['DL_APPLY aged 101', born('19250302'), 'hit', 101],
    ['birth date not real: age unknown, R09 covers it', { tx: { type: 'DL_APPLY', applicant: { idNumber: '330102200802301234' } } }, 'miss'],
    ['organisation applicant', { tx: { type: 'DL_APPLY', applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2XXXXXX1' } } }, 'miss'],
    ['born after acceptance counts as under 18', born('20260305'), 'hit', -1],
    ['local date decides: 2 Mar 17:00 UTC is 3 Mar in Shanghai', { tx: { type: 'DL_APPLY', acceptedAt: '2026-03-02T17:00:00Z', applicant: { idNumber: validId('20080303') } } }, 'miss'],
  ])('%s → %s', (_name, patch, expected, age) => {
    const outcome = expectOutcome(run(R12, patch), expected);
    if (age !== undefined) expect(evidenceOf(outcome).age).toBe(age);
  });

  it('explains', () => {
    expect(run(R12, born('20080303'))).toMatchObject({ reason: '初次申领驾驶证的申请人受理时17周岁，未满18周岁' });
  });
});
