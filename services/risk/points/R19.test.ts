import { describe, expect, it } from 'vitest';
import { R19 } from './R19.ts';
import { evidenceOf, expectOutcome, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const agentTx = (total: number, withThisHandler: number, agent = true, windowDays = 90): FeaturesPatch => ({
  tx: agent ? withAgent() : {}, aggregates: { agentTransactions: { windowDays, value: { total, withThisHandler } } },
});

describe('R19 代办人经办人固定搭配', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['7 transactions, all with this handler', agentTx(7, 7), 'miss'],
    ['8 transactions, 5 with this handler (62.5 %)', agentTx(8, 5), 'hit'],
    ['8 transactions, 4 with this handler (50 %)', agentTx(8, 4), 'miss'],
    ['10 transactions, 6 with this handler (exactly 60 %)', agentTx(10, 6), 'hit'],
    ['10 transactions, 5 with this handler (50 %)', agentTx(10, 5), 'miss'],
    ['20 transactions, 11 with this handler (55 %)', agentTx(20, 11), 'miss'],
    ['15 transactions, 9 with this handler (exactly 60 %)', agentTx(15, 9), 'hit'],
    ['no agent on the case', agentTx(20, 20, false), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R19, patch), expected);
  });

  it('honours parameters and checks the window', () => {
    expectOutcome(run(R19, agentTx(5, 4), { minTransactions: 5, minSharePercent: 80 }), 'hit');
    expectOutcome(run(R19, agentTx(5, 3), { minTransactions: 5, minSharePercent: 80 }), 'miss');
    expect(() => run(R19, agentTx(10, 10, true, 30))).toThrow(/agentTransactions/);
  });

  it('explains', () => {
    const outcome = run(R19, agentTx(10, 8));
    expect(outcome).toMatchObject({ reason: '代办人90天内办理10笔，其中8笔(80%)由经办人H10023受理' });
    expect(evidenceOf(outcome).sharePercent).toBe(80);
  });
});
