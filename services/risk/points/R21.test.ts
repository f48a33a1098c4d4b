import { describe, expect, it } from 'vitest';
import type { FlaggedRing } from '../features.ts';
import { R21 } from './R21.ts';
import { evidenceOf, expectOutcome, IDS, PHONES, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const ring = (ringId: string, ids: string[] = [], phones: string[] = []): FlaggedRing => ({ ringId, memberIdNumbers: ids, memberPhones: phones });

describe('R21 中介团伙成员', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['detector not run yet', { rings: undefined }, 'pending'],
    ['no flagged ring', { rings: [] }, 'miss'],
    ['ring of other people', { rings: [ring('RING-1', [IDS.clerk], [PHONES.clerk])] }, 'miss'],
    ['applicant in a ring', { rings: [ring('RING-1', [IDS.applicant])] }, 'hit', ['RING-1']],
    ['agent in a ring', { tx: withAgent(), rings: [ring('RING-2', [IDS.agent])] }, 'hit', ['RING-2']],
    ['applicant phone in a ring', { rings: [ring('RING-3', [], [PHONES.applicant])] }, 'hit', ['RING-3']],
    ['agent phone in a ring, given with +86', { tx: withAgent({ phone: `+86${PHONES.agent}` }), rings: [ring('RING-4', [], [PHONES.agent])] }, 'hit', ['RING-4']],
    ['agent in a ring but no agent on the case', { rings: [ring('RING-5', [IDS.agent], [PHONES.agent])] }, 'miss'],
    ['two rings', { tx: withAgent(), rings: [ring('RING-6', [IDS.applicant]), ring('RING-7', [], [PHONES.agent])] }, 'hit', ['RING-6', 'RING-7']],
  ])('%s → %s', (_name, patch, expected, ringIds) => {
    const outcome = expectOutcome(run(R21, patch), expected);
    if (ringIds) expect(evidenceOf(outcome).ringIds).toEqual(ringIds);
  });

  it('explains', () => {
    expect(run(R21, { rings: [ring('RING-3', [], [PHONES.applicant])] })).toMatchObject({ reason: '申请人电话属于中介团伙RING-3' });
    expect(R21.timing).toBe('RINGS');
  });
});
