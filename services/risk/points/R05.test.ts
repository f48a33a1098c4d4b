import { describe, expect, it } from 'vitest';
import { R05 } from './R05.ts';
import { APPROVER, evidenceOf, expectOutcome, HANDLER, IDS, PHONES, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R05 为本人或关系人办理', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['unrelated parties', {}, 'miss'],
    ['unrelated agent', { tx: withAgent() }, 'miss'],
    ['applicant is the handler', { tx: { applicant: { idNumber: IDS.handler } } }, 'hit', ['APPLICANT_ID=HANDLER_ID']],
    ['applicant is the approver', { tx: { applicant: { idNumber: IDS.approver } } }, 'hit', ['APPLICANT_ID=APPROVER_ID']],
    ['agent is the handler', { tx: withAgent({ idNumber: IDS.handler }) }, 'hit', ['AGENT_ID=HANDLER_ID']],
    ['agent is the approver', { tx: withAgent({ idNumber: IDS.approver }) }, 'hit', ['AGENT_ID=APPROVER_ID']],
    ['applicant phone is the handler phone, written +86', { tx: { applicant: { phone: `+86 ${PHONES.handler}` } } }, 'hit', ['APPLICANT_PHONE=HANDLER_PHONE']],
    ['applicant phone is the approver phone', { tx: { applicant: { phone: PHONES.approver } } }, 'hit', ['APPLICANT_PHONE=APPROVER_PHONE']],
    ['agent phone is the handler phone', { tx: withAgent({ phone: PHONES.handler }) }, 'hit', ['AGENT_PHONE=HANDLER_PHONE']],
    ['agent phone is the approver phone', { tx: withAgent({ phone: `${PHONES.approver.slice(0, 3)}-${PHONES.approver.slice(3)}` }) }, 'hit', ['AGENT_PHONE=APPROVER_PHONE']],
    ['lower-case x in the applicant id matches', { tx: { applicant: { idNumber: '11010519491231002x' } }, reference: { handler: { ...HANDLER, idNumber: '11010519491231002X' } } }, 'hit'],
    ['no approver: only the handler is compared', { tx: { applicant: { phone: PHONES.approver } }, reference: { approver: null } }, 'miss'],
    ['null phones never match', { tx: { applicant: { phone: null } }, reference: { handler: { ...HANDLER, phone: null } } }, 'miss'],
    ['organisation applicant has no id to compare', { tx: { applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2XXXXXX1' } } }, 'miss'],
    ['handler unknown and nothing else matches', { reference: { handler: null } }, 'pending'],
    ['handler unknown but approver matches', { tx: { applicant: { idNumber: IDS.approver } }, reference: { handler: null } }, 'hit'],
    ['approver record without id or phone', { reference: { approver: { ...APPROVER, idNumber: null, phone: null } } }, 'miss'],
  ])('%s → %s', (_name, patch, expected, relations) => {
    const outcome = expectOutcome(run(R05, patch), expected);
    if (relations) expect(evidenceOf(outcome).relations).toEqual(relations);
  });

  it('is a dual-review point', () => {
    expect(R05.dualReview).toBe(true);
    expect(run(R05, { tx: { applicant: { idNumber: IDS.handler } } })).toMatchObject({ reason: '申请人即经办人本人' });
  });
});
