import { describe, expect, it } from 'vitest';
import { R09 } from './R09.ts';
import { evidenceOf, expectOutcome, IDS, run, validId, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const badCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('R09 身份号码无效', () => {
  it.each<[string, FeaturesPatch, Expected, (string | null)[]?]>([
    ['valid applicant, no agent', {}, 'miss'],
    ['valid applicant and agent', { tx: withAgent() }, 'miss'],
    ['applicant check digit wrong', { tx: { applicant: { idNumber: badCheck(IDS.applicant) } } }, 'hit', ['CHECK_DIGIT', null]],
    ['agent check digit wrong', { tx: withAgent({ idNumber: badCheck(IDS.agent) }) }, 'hit', [null, 'CHECK_DIGIT']],
    ['both wrong', { tx: withAgent({ idNumber: '123' }, { applicant: { idNumber: validId('19900101', '990102') } }) }, 'hit', ['PROVINCE', 'FORMAT']],
    ['applicant born on the acceptance date', { tx: { applicant: { idNumber: validId('20260302') } } }, 'miss'],
    ['applicant born the day after acceptance', { tx: { applicant: { idNumber: validId('20260303') } } }, 'hit', ['BIRTH_AFTER_ACCEPTANCE', null]],
    ['acceptance date is local: 23:30 UTC on 1 Mar is 2 Mar in Shanghai', { tx: { acceptedAt: '2026-03-01T23:30:00Z', applicant: { idNumber: validId('20260302') } } }, 'miss'],
    ['unknown station: the default zone Asia/Shanghai still gives 2 Mar', { tx: { acceptedAt: '2026-03-01T23:30:00Z', applicant: { idNumber: validId('20260302') } }, reference: { station: null } }, 'miss'],
    ['not a real date', { tx: { applicant: { idNumber: validId('19900231') } } }, 'hit', ['BIRTH_DATE', null]],
    ['lower-case x accepted', { tx: { applicant: { idNumber: '11010519491231002x' } } }, 'miss'],
    ['organisation applicant without idNumber is not checked', { tx: { applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2XXXXXX1' } } }, 'miss'],
    ['organisation applicant with a stray idNumber is not checked', { tx: { applicant: { kind: 'ORGANISATION', idNumber: 'garbage', orgCode: '91330100MA2XXXXXX1' } } }, 'miss'],
    ['15-digit old number', { tx: { applicant: { idNumber: '330102900101123' } } }, 'hit', ['FORMAT', null]],
  ])('%s → %s', (_name, patch, expected, problems) => {
    const outcome = expectOutcome(run(R09, patch), expected);
    if (problems) {
      const evidence = evidenceOf(outcome);
      expect([evidence.applicantProblem, evidence.agentProblem]).toEqual(problems);
    }
  });

  it('uses the station zone for the acceptance date', () => {
    // 2026-03-02 17:30 UTC is 3 Mar in Shanghai: a person born on 3 Mar is then valid.
    expectOutcome(run(R09, { tx: { acceptedAt: '2026-03-02T17:30:00Z', applicant: { idNumber: validId('20260303') } } }), 'miss');
  });

  it('explains the problem', () => {
    expect(run(R09, { tx: { applicant: { idNumber: badCheck(IDS.applicant) } } })).toMatchObject({ reason: '申请人身份号码无效(校验码错误)' });
  });
});
