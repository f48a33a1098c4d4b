import { describe, expect, it } from 'vitest';
import type { TransactionMaterial } from '../../ingest/schema/index.ts';
import { R27 } from './R27.ts';
import { evidenceOf, expectOutcome, IDS, ORG_CODE, run, sha, VIN, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const material = (subjectVin: string | null, subjectIdNumber: string | null): TransactionMaterial =>
  ({ kind: 'REG_CERT', sha256: sha(2), validUntil: null, subjectVin, subjectIdNumber });
const only = (m: TransactionMaterial, tx: FeaturesPatch['tx'] = {}): FeaturesPatch => ({ tx: { ...tx, materials: [m] } });

describe('R27 材料信息不一致', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['baseline materials', {}, 'miss'],
    ['subjectVin equal', only(material(VIN, null)), 'miss'],
    ['subjectVin equal up to case', only(material(VIN.toLowerCase(), null)), 'miss'],
    ['subjectVin of another vehicle', only(material('LSVAU218XN2183295', null)), 'hit', ['subjectVin']],
    ['subjectVin but the case has no vehicle', only(material('LSVAU218XN2183295', null), { vehicle: null }), 'miss'],
    ['subjectIdNumber of the applicant', only(material(null, IDS.applicant)), 'miss'],
    ['subjectIdNumber of the agent', { tx: { ...withAgent(), materials: [material(null, IDS.agent)] } }, 'miss'],
    ['subjectIdNumber of a third person', only(material(null, IDS.clerk)), 'hit', ['subjectIdNumber']],
    ['subjectIdNumber of the agent but no agent on the case', only(material(null, IDS.agent)), 'hit', ['subjectIdNumber']],
    ['organisation applicant: its orgCode as subject', only(material(null, ORG_CODE), { applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: ORG_CODE } }), 'miss'],
    ['both fields wrong', only(material('LSVAU218XN2183295', IDS.clerk)), 'hit', ['subjectVin', 'subjectIdNumber']],
    ['neither field set', only(material(null, null)), 'miss'],
  ])('%s → %s', (_name, patch, expected, fields) => {
    const outcome = expectOutcome(run(R27, patch), expected);
    if (fields) expect((evidenceOf(outcome).mismatches as { field: string }[]).map((m) => m.field)).toEqual(fields);
  });

  it('explains', () => {
    expect(run(R27, only(material(null, IDS.clerk)))).toMatchObject({ reason: '机动车登记证书所载身份号码既非申请人也非代办人' });
  });
});
