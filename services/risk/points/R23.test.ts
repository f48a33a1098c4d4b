import { describe, expect, it } from 'vitest';
import { R23 } from './R23.ts';
import { BASE_TX, evidenceOf, expectOutcome, run, sha, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const without = (...kinds: string[]) => BASE_TX.materials.filter((m) => !kinds.includes(m.kind));

describe('R23 材料缺失', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['all TRANSFER materials present', {}, 'miss'],
    ['REG_CERT missing', { tx: { materials: without('REG_CERT') } }, 'hit', ['REG_CERT']],
    ['two missing', { tx: { materials: without('ID_CARD', 'INSURANCE') } }, 'hit', ['ID_CARD', 'INSURANCE']],
    ['nothing at all', { tx: { materials: [] } }, 'hit', ['ID_CARD', 'REG_CERT', 'TRANSFER_INVOICE', 'INSURANCE']],
    ['missing under tolerance is R25\'s business', { tx: { materials: [], flags: { tolerance: true } } }, 'miss'],
    ['type with fewer requirements: CERT_REPLACE needs only ID_CARD', { tx: { type: 'CERT_REPLACE', materials: BASE_TX.materials.filter((m) => m.kind === 'ID_CARD') } }, 'miss'],
    ['SEIZE needs a court order', { tx: { type: 'SEIZE' } }, 'hit', ['COURT_ORDER']],
    ['extra materials do not matter', { tx: { materials: [...BASE_TX.materials, { kind: 'POWER_OF_ATTORNEY', sha256: sha(9), validUntil: null, subjectVin: null, subjectIdNumber: null }] } }, 'miss'],
  ])('%s → %s', (_name, patch, expected, missing) => {
    const outcome = expectOutcome(run(R23, patch), expected);
    if (missing) expect(evidenceOf(outcome).missingKinds).toEqual(missing);
  });

  it('names the missing materials', () => {
    expect(run(R23, { tx: { materials: without('REG_CERT') } })).toMatchObject({ reason: '转移登记缺少必需材料：机动车登记证书' });
  });
});
