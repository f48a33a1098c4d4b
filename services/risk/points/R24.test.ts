import { describe, expect, it } from 'vitest';
import type { MaterialReuse } from '../features.ts';
import { R24 } from './R24.ts';
import { evidenceOf, expectOutcome, IDS, run, sha, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const reuse = (...items: MaterialReuse[]): FeaturesPatch => ({ aggregates: { materialReuse: items } });
const other = (n: number, applicantKey: string | null = 'P:OTHER', transactionId = 'T-OTHER'): MaterialReuse => ({ sha256: sha(n), transactionId, applicantKey });

describe('R24 材料重复使用', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['no reuse', {}, 'miss'],
    ['ID card file used by another applicant', reuse(other(1)), 'hit'],
    ['same file, same applicant (their own later case)', reuse(other(1, `P:${IDS.applicant}`)), 'miss'],
    ['same file in an earlier version of this transaction', reuse(other(1, 'P:OTHER', '330100-2026-0000123')), 'miss'],
    ['a sha256 that is not ours', reuse(other(77)), 'miss'],
    ['other applicant unknown counts as different', reuse(other(2, null)), 'hit'],
    ['organisation applicant compared by orgCode', { ...reuse(other(1, 'O:91330100MA2XXXXXX1')), tx: { applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2XXXXXX1' } } }, 'miss'],
    ['our material without sha256 cannot be matched', { ...reuse(other(1)), tx: { materials: [{ kind: 'ID_CARD', sha256: null, validUntil: null, subjectVin: null, subjectIdNumber: null }] } }, 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R24, patch), expected);
  });

  it('explains and lists the matches', () => {
    const outcome = run(R24, reuse(other(1, 'P:A', 'T-1'), other(1, 'P:B', 'T-2'), other(2, 'P:A', 'T-1')));
    expect(outcome).toMatchObject({ reason: '材料(身份证明、机动车登记证书)与其他申请人的2笔业务所用文件相同' });
    expect(evidenceOf(outcome).reusedKinds).toEqual(['ID_CARD', 'REG_CERT']);
  });
});
