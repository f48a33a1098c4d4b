import { describe, expect, it } from 'vitest';
import { R07 } from './R07.ts';
import { evidenceOf, expectOutcome, run, type Expected } from './test-fixtures.ts';

describe('R07 经办量异常', () => {
  it.each<[number, Expected]>([[1, 'miss'], [59, 'miss'], [60, 'hit'], [61, 'hit']])('%i transactions today → %s', (count, expected) => {
    expectOutcome(run(R07, { aggregates: { handlerDayCount: count } }), expected);
  });

  it('uses the configured threshold', () => {
    expectOutcome(run(R07, { aggregates: { handlerDayCount: 30 } }, { minCount: 30 }), 'hit');
    expectOutcome(run(R07, { aggregates: { handlerDayCount: 29 } }, { minCount: 30 }), 'miss');
  });

  it('reports the local day', () => {
    const outcome = run(R07, { tx: { acceptedAt: '2026-03-01T16:30:00Z' }, aggregates: { handlerDayCount: 60 } });
    expect(evidenceOf(outcome)).toEqual({ handlerDayCount: 60, localDate: '2026-03-02', threshold: 60 });
  });
});
