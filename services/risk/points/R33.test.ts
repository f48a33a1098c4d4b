import { describe, expect, it } from 'vitest';
import type { PhotoHashMatch } from '../features.ts';
import { R33 } from './R33.ts';
import { BASE_PHOTOS, evidenceOf, expectOutcome, run, VIN, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const OTHER_VIN = 'LSVAU218XN2183295';
const match = (distance: number, otherVin: string | null = OTHER_VIN, otherTransactionId = 'T-OTHER', photoIndex = 0): PhotoHashMatch =>
  ({ photoIndex, otherTransactionId, otherVin, distance, sameSha256: distance === 0 });
const near = (...matches: PhotoHashMatch[]): FeaturesPatch => ({ photos: BASE_PHOTOS.map((p) => (p.index === 0 ? { ...p, nearDuplicates: matches } : p)) });
const exact = (m: PhotoHashMatch, extra: FeaturesPatch = {}): FeaturesPatch => ({ ...extra, aggregates: { photoSha256Reuse: [m] } });

describe('R33 照片重复使用', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['no reuse', {}, 'miss'],
    ['no exact reuse, photo checks pending', { photos: undefined }, 'pending'],
    ['identical file on another vehicle: known at ingestion', exact(match(0), { photos: undefined }), 'hit'],
    ['identical file on the same vehicle', exact(match(0, VIN)), 'miss'],
    ['identical file on the same vehicle, VIN in lower case', exact(match(0, VIN.toLowerCase())), 'miss'],
    ['identical file in an earlier version of this transaction', exact(match(0, OTHER_VIN, '330100-2026-0000123')), 'miss'],
    ['identical file where the other VIN is unknown', exact(match(0, null)), 'miss'],
    ['Hamming distance 6 on another vehicle', near(match(6)), 'hit'],
    ['Hamming distance 7 on another vehicle', near(match(7)), 'miss'],
    ['Hamming distance 1 on the same vehicle', near(match(1, VIN)), 'miss'],
    ['this case has no VIN', { ...near(match(2)), tx: { vehicle: { vin: null } } }, 'miss'],
    ['model could not hash (null)', { photos: BASE_PHOTOS.map((p) => ({ ...p, nearDuplicates: null })) }, 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R33, patch), expected);
  });

  it('honours the distance parameter', () => {
    expectOutcome(run(R33, near(match(8)), { maxHammingDistance: 8 }), 'hit');
    expectOutcome(run(R33, near(match(3)), { maxHammingDistance: 2 }), 'miss');
  });

  it('reports each pair once and explains', () => {
    const outcome = run(R33, { ...exact(match(0)), ...near(match(0), match(4, OTHER_VIN, 'T-2', 0)) });
    expect(evidenceOf(outcome).matches).toEqual([
      { photoIndex: 0, otherTransactionId: 'T-OTHER', sameSha256: true, distance: 0 },
      { photoIndex: 0, otherTransactionId: 'T-2', sameSha256: false, distance: 4 },
    ]);
    expect(outcome).toMatchObject({ reason: '第1张照片与其他车辆业务T-OTHER的照片完全相同，共涉及2笔业务' });
    expect(R33.dualReview).toBe(true);
  });
});
