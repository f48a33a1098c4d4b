import { describe, expect, it } from 'vitest';
import { R10 } from './R10.ts';
import { expectOutcome, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const org = { kind: 'ORGANISATION' as const, idNumber: null, orgCode: '91330100MA2XXXXXX1' };

describe('R10 未核验身份', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['counter, applicant passed', {}, 'miss'],
    ['counter, applicant failed', { tx: { applicant: { identityCheck: 'FAILED' } } }, 'hit'],
    ['counter, applicant not done', { tx: { applicant: { identityCheck: 'NOT_DONE' } } }, 'hit'],
    ['partner, applicant not done', { tx: { channel: 'PARTNER', applicant: { identityCheck: 'NOT_DONE' } } }, 'hit'],
    ['self-service, applicant not done', { tx: { channel: 'SELF_SERVICE', applicant: { identityCheck: 'NOT_DONE' } } }, 'miss'],
    ['online, applicant not done', { tx: { channel: 'ONLINE', applicant: { identityCheck: 'NOT_DONE' } } }, 'miss'],
    ['agent present and passed, applicant not done', { tx: withAgent({}, { applicant: { identityCheck: 'NOT_DONE' } }) }, 'miss'],
    ['agent present and failed, applicant passed', { tx: withAgent({ identityCheck: 'FAILED' }) }, 'hit'],
    ['organisation without agent', { tx: { applicant: { ...org, identityCheck: 'NOT_DONE' } } }, 'miss'],
    ['organisation with an unverified agent', { tx: withAgent({ identityCheck: 'NOT_DONE' }, { applicant: org }) }, 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R10, patch), expected);
  });

  it('names the person present', () => {
    expect(run(R10, { tx: withAgent({ identityCheck: 'FAILED' }) })).toMatchObject({
      reason: '窗口受理时到场代办人身份核验未通过', evidence: { personPresent: 'AGENT', identityCheck: 'FAILED' },
    });
  });
});
