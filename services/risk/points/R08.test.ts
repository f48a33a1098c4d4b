import { describe, expect, it } from 'vitest';
import type { RevisionContext, VersionSnapshot } from '../features.ts';
import { R08, snapshotOf } from './R08.ts';
import { BASE_TX, evidenceOf, expectOutcome, IDS, run, validId, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const previous = (changes: Partial<VersionSnapshot> = {}, status: VersionSnapshot['status'] = 'COMPLETED'): VersionSnapshot =>
  ({ ...snapshotOf(BASE_TX), version: 1, status, ...changes });
const revision = (prev: VersionSnapshot, completedVersions: number[] = [1]): RevisionContext => ({ previous: prev, completedVersions });
const v2 = (tx: FeaturesPatch['tx'] = {}, rev: RevisionContext | null = revision(previous())): FeaturesPatch => ({ tx: { version: 2, ...tx }, revision: rev });

describe('R08 办结后改关键信息', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['first version', {}, 'miss'],
    ['revision changing nothing key', v2({ applicant: { phone: '13811112222' } }), 'miss'],
    ['type changed after completion', v2({ type: 'CHANGE' }), 'hit', ['type']],
    ['applicant id changed', v2({ applicant: { idNumber: validId('19950505') } }), 'hit', ['applicantIdNumber']],
    ['applicant id differing only by x case', v2({}, revision(previous({ applicantIdNumber: BASE_TX.applicant.idNumber?.toLowerCase() ?? null }))), 'miss'],
    ['applicant orgCode changed', v2({ applicant: { kind: 'ORGANISATION', idNumber: null, orgCode: '91330100MA2YYYYYY2' } }, revision(previous({ applicantIdNumber: null, applicantOrgCode: '91330100MA2XXXXXX1' }))), 'hit', ['applicantOrgCode']],
    ['agent added after completion', v2(withAgent()), 'hit', ['agentIdNumber']],
    ['agent id changed', v2(withAgent(), revision(previous({ agentIdNumber: IDS.clerk }))), 'hit', ['agentIdNumber']],
    ['plate changed', v2({ vehicle: { plate: '浙A88888' } }), 'hit', ['plate']],
    ['plate only re-formatted', v2({ vehicle: { plate: '浙A·3B719' } }), 'miss'],
    ['plate filled in where there was none', v2({}, revision(previous({ plate: null }))), 'miss'],
    ['plate removed', v2({ vehicle: { plate: null } }), 'hit', ['plate']],
    ['vin changed', v2({ vehicle: { vin: 'LSVAU218XN2183295' } }), 'hit', ['vin']],
    ['vin case only', v2({ vehicle: { vin: BASE_TX.vehicle?.vin?.toLowerCase() ?? null } }), 'miss'],
    ['changes but no earlier version completed', v2({ type: 'CHANGE' }, revision(previous({}, 'ACCEPTED'), [])), 'miss'],
    ['completed in v1, v2 accepted, v3 changes plate vs v2', { tx: { version: 3, vehicle: { plate: '浙A00001' } }, revision: revision(previous({ version: 2 }, 'ACCEPTED'), [1]) }, 'hit', ['plate']],
    ['several fields at once', v2({ type: 'CHANGE', vehicle: { vin: 'LSVAU218XN2183295' } }), 'hit', ['type', 'vin']],
  ])('%s → %s', (_name, patch, expected, changed) => {
    const outcome = expectOutcome(run(R08, patch), expected);
    if (changed) expect(evidenceOf(outcome).changedFields).toEqual(changed);
  });

  it('explains what changed after which completed version', () => {
    expect(run(R08, v2({ type: 'CHANGE' }))).toMatchObject({ reason: '业务在第1版已办结，第2版又修改了业务类型' });
  });
});
