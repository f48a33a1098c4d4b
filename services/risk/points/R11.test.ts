import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../ingest/schema/index.ts';
import { R11 } from './R11.ts';
import { evidenceOf, expectOutcome, IDS, PHONES, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const entry = (idNumber: string | null, phone: string | null = null): ListEntry => ({ idNumber, phone, reason: 'DECEASED' });
const listed = (...entries: ListEntry[]): FeaturesPatch['reference'] => ({ personWatchlist: entries });

describe('R11 关注人员', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['nobody listed', {}, 'miss'],
    ['someone else listed', { reference: listed(entry(IDS.clerk)) }, 'miss'],
    ['applicant listed', { reference: listed(entry(IDS.applicant)) }, 'hit', ['APPLICANT']],
    ['agent listed', { tx: withAgent(), reference: listed(entry(IDS.agent)) }, 'hit', ['AGENT']],
    ['both listed', { tx: withAgent(), reference: listed(entry(IDS.agent), entry(IDS.applicant)) }, 'hit', ['APPLICANT', 'AGENT']],
    ['agent listed but no agent on this case', { reference: listed(entry(IDS.agent)) }, 'miss'],
    ['phone-only entry does not match (R11 is by idNumber)', { reference: listed(entry(null, PHONES.applicant)) }, 'miss'],
    ['list entry with lower-case x matches', { tx: { applicant: { idNumber: '11010519491231002X' } }, reference: listed(entry('11010519491231002x')) }, 'hit', ['APPLICANT']],
  ])('%s → %s', (_name, patch, expected, matched) => {
    const outcome = expectOutcome(run(R11, patch), expected);
    if (matched) expect(evidenceOf(outcome).matched).toEqual(matched);
  });

  it('quotes the list reason', () => {
    expect(run(R11, { reference: listed(entry(IDS.applicant)) })).toMatchObject({ reason: '申请人在关注人员名单上(DECEASED)' });
  });
});
