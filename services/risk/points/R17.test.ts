import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../ingest/schema/index.ts';
import { R17 } from './R17.ts';
import { evidenceOf, expectOutcome, IDS, PHONES, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const entry = (idNumber: string | null, phone: string | null = null, reason: string | null = '2025年查处'): ListEntry => ({ idNumber, phone, reason });
const black = (...entries: ListEntry[]): FeaturesPatch['reference'] => ({ intermediaryBlacklist: entries });

describe('R17 黑名单中介', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['empty blacklist', {}, 'miss'],
    ['unrelated entries', { tx: withAgent(), reference: black(entry(IDS.clerk), entry(null, PHONES.clerk)) }, 'miss'],
    ['applicant id', { reference: black(entry(IDS.applicant)) }, 'hit', ['APPLICANT_ID']],
    ['agent id', { tx: withAgent(), reference: black(entry(IDS.agent)) }, 'hit', ['AGENT_ID']],
    ['applicant phone', { reference: black(entry(null, PHONES.applicant)) }, 'hit', ['APPLICANT_PHONE']],
    ['agent phone, listed as 0086…', { tx: withAgent(), reference: black(entry(null, `0086${PHONES.agent}`)) }, 'hit', ['AGENT_PHONE']],
    ['agent phone, given with spaces', { tx: withAgent({ phone: '139 0000 0000' }), reference: black(entry(null, PHONES.agent)) }, 'hit', ['AGENT_PHONE']],
    ['agent listed but no agent on the case', { reference: black(entry(IDS.agent, PHONES.agent)) }, 'miss'],
    ['id and phone of both', { tx: withAgent(), reference: black(entry(IDS.applicant, PHONES.agent), entry(IDS.agent)) }, 'hit', ['APPLICANT_ID', 'AGENT_ID', 'AGENT_PHONE']],
    ['null phone on the case never matches a null phone entry', { tx: { applicant: { phone: null } }, reference: black(entry(IDS.clerk, null)) }, 'miss'],
  ])('%s → %s', (_name, patch, expected, matched) => {
    const outcome = expectOutcome(run(R17, patch), expected);
    if (matched) expect(evidenceOf(outcome).matched).toEqual(matched);
  });

  it('is ◆ and quotes the list reason', () => {
    expect(R17.dualReview).toBe(true);
    expect(run(R17, { reference: black(entry(IDS.applicant)) })).toMatchObject({ reason: '申请人身份号码在中介黑名单上(2025年查处)' });
  });
});
