import { describe, expect, it } from 'vitest';
import { R40 } from './R40.ts';
import { expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R40 强制通过', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['no override', {}, 'miss'],
    ['override', { tx: { flags: { override: true } } }, 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R40, patch), expected);
  });

  it('is ◆', () => {
    expect(R40.dualReview).toBe(true);
  });
});
