import { describe, expect, it } from 'vitest';
import { R25, toleranceDueAt } from './R25.ts';
import { BASE_TX, evidenceOf, expectOutcome, patchTx, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const ALL = BASE_TX.materials.map((m) => m.kind);
const tolerance = (kindsAtDue: typeof ALL | undefined, tolerant = true): FeaturesPatch => ({
  tx: { materials: [], flags: { tolerance: tolerant } },
  toleranceSweep: kindsAtDue && { dueAt: '2026-03-12T01:15:00.000Z', materialKindsAtDue: kindsAtDue },
});

describe('R25 容缺逾期未补', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['no tolerance', tolerance(undefined, false), 'miss'],
    ['no tolerance even if a sweep reported gaps', tolerance([], false), 'miss'],
    ['tolerance, sweep not run yet', tolerance(undefined), 'pending'],
    ['tolerance, all supplied by the due time', tolerance(ALL), 'miss'],
    ['tolerance, one still missing', tolerance(ALL.filter((k) => k !== 'INSURANCE')), 'hit', ['INSURANCE']],
    ['tolerance, nothing supplied', tolerance([]), 'hit', ['ID_CARD', 'REG_CERT', 'TRANSFER_INVOICE', 'INSURANCE']],
  ])('%s → %s', (_name, patch, expected, missing) => {
    const outcome = expectOutcome(run(R25, patch), expected);
    if (missing) expect(evidenceOf(outcome).missingKinds).toEqual(missing);
  });

  it('computes the due time: explicit, else acceptedAt + 10 days', () => {
    expect(toleranceDueAt(patchTx({ flags: { tolerance: true, toleranceDueAt: '2026-03-05T00:00:00+08:00' } }))).toBe('2026-03-05T00:00:00+08:00');
    expect(toleranceDueAt(patchTx({ flags: { tolerance: true } }))).toBe('2026-03-12T01:15:00.000Z');
  });

  it('is a sweep point', () => {
    expect(R25.timing).toBe('SWEEP');
    expect(run(R25, tolerance([]))).toMatchObject({ reason: expect.stringContaining('容缺受理，至2026-03-12 09:15仍未补齐') });
  });
});
