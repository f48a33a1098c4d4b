import { describe, expect, it } from 'vitest';
import { R39 } from './R39.ts';
import { expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const took = (minutes: number, type: FeaturesPatch['tx'] = {}): FeaturesPatch => ({
  tx: { ...type, completedAt: new Date(Date.parse('2026-03-02T09:15:00+08:00') + minutes * 60_000).toISOString() },
});

describe('R39 办理时长异常', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['TRANSFER in 37 min', {}, 'miss'],
    ['TRANSFER in exactly 10 min', took(10), 'miss'],
    ['TRANSFER in 9 min 59 s', took(10 - 1 / 60), 'hit'],
    ['TRANSFER in 0 min', took(0), 'hit'],
    ['REG_NEW in 14 min', took(14, { type: 'REG_NEW' }), 'hit'],
    ['REG_NEW in 15 min', took(15, { type: 'REG_NEW' }), 'miss'],
    ['SEIZE in 2 min', took(2, { type: 'SEIZE' }), 'miss'],
    ['EXAM_BOOK in 0 min: minimum 0', took(0, { type: 'EXAM_BOOK' }), 'miss'],
    ['not completed', { tx: { status: 'ACCEPTED', completedAt: null } }, 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R39, patch), expected);
  });

  it('explains', () => {
    expect(run(R39, took(6))).toMatchObject({ reason: '转移登记办理用时6分钟，低于最短10分钟', evidence: { minutes: 6, minMinutes: 10 } });
  });
});
