import { describe, expect, it } from 'vitest';
import { R26 } from './R26.ts';
import { BASE_TX, evidenceOf, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const idValidUntil = (validUntil: string | null, acceptedAt?: string): FeaturesPatch => ({
  tx: { ...(acceptedAt ? { acceptedAt, completedAt: null, status: 'ACCEPTED' as const } : {}), materials: BASE_TX.materials.map((m) => (m.kind === 'ID_CARD' ? { ...m, validUntil } : m)) },
});

describe('R26 证件过期', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['valid for years', {}, 'miss'],
    ['valid until the acceptance date', idValidUntil('2026-03-02'), 'miss'],
    ['expired the day before', idValidUntil('2026-03-01'), 'hit'],
    ['valid until the day after', idValidUntil('2026-03-03'), 'miss'],
    ['no validUntil', idValidUntil(null), 'miss'],
    ['local date: 1 Mar 20:00 UTC is 2 Mar in Shanghai', idValidUntil('2026-03-01', '2026-03-01T20:00:00Z'), 'hit'],
    ['local date: 1 Mar 15:00 UTC is still 1 Mar in Shanghai', idValidUntil('2026-03-01', '2026-03-01T15:00:00Z'), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R26, patch), expected);
  });

  it('explains', () => {
    const outcome = run(R26, idValidUntil('2025-01-01'));
    expect(outcome).toMatchObject({ reason: '身份证明有效期至2025-01-01，早于受理日期2026-03-02' });
    expect(evidenceOf(outcome).expired).toEqual([{ kind: 'ID_CARD', validUntil: '2025-01-01' }]);
  });
});
