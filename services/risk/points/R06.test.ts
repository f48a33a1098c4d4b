import { describe, expect, it } from 'vitest';
import { R06 } from './R06.ts';
import { expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R06 受理审批同一人', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['non-key business with separate approver', {}, 'miss'],
    ['non-key business without approver', { tx: { approverId: null } }, 'miss'],
    ['non-key business approved by the handler', { tx: { approverId: 'H10023' } }, 'miss'],
    ['key business with separate approver', { tx: { type: 'TRANSFER_OUT' } }, 'miss'],
    ['key business without approver', { tx: { type: 'TRANSFER_OUT', approverId: null } }, 'hit'],
    ['key business with blank approver', { tx: { type: 'DEREGISTER', approverId: '  ' } }, 'hit'],
    ['key business approved by the handler', { tx: { type: 'DL_REPLACE', approverId: 'H10023' } }, 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R06, patch), expected);
  });

  it('says which', () => {
    expect(run(R06, { tx: { type: 'SEIZE', approverId: null } })).toMatchObject({ reason: '重点业务查封无审批人', evidence: { approverMissing: true } });
  });
});
