import { describe, expect, it } from 'vitest';
import { BUSINESS_TYPE_CODES, businessType } from '../../domain/index.ts';
import { R41 } from './R41.ts';
import { expectOutcome, run } from './test-fixtures.ts';

describe('R41 重点业务', () => {
  it.each(BUSINESS_TYPE_CODES.map((code) => [code, businessType(code).key] as const))('%s key=%s', (type, key) => {
    expectOutcome(run(R41, { tx: { type } }), key ? 'hit' : 'miss');
  });

  it('is ◆ with weight 10 and explains', () => {
    expect(R41).toMatchObject({ dualReview: true, defaultWeight: 10 });
    expect(run(R41, { tx: { type: 'TRANSFER_OUT' } })).toMatchObject({ reason: '转出登记属重点业务' });
  });
});
