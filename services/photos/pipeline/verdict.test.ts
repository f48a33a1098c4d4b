import { describe, expect, it } from 'vitest';
import type { PhotoFindings } from '../../risk/photo-findings.ts';
import { openTestDatabase } from '../../../test/support/databases.ts';
import { unreadableFindings } from './stored-findings.ts';
import { judgePhoto, type RecordFacts } from './verdict.ts';
import { DEFAULT_VERDICT_POLICY, loadVerdictPolicy, saveVerdictPolicy, type VerdictPolicy } from './verdict-policy.ts';

const RECORD: RecordFacts = { plate: '浙A12345', vin: 'LSVAU218XN2183294', color: 'WHITE' };

function photo(kind: PhotoFindings['kind'], patch: Partial<PhotoFindings> = {}): PhotoFindings {
  return {
    ...unreadableFindings(0, kind, 'f'.repeat(64)), decodable: true,
    quality: { width: 1920, height: 1080, blur: 0.3, exposure: 0.5, bounds: { blur: { min: 0.1, max: 1 }, exposure: { min: 0.2, max: 0.8 } } },
    ...patch,
  };
}

const near = (sameSha256: boolean, otherVin: string | null, distance = 3) => ({ nearDuplicates: [{ photoIndex: 0, otherTransactionId: 'T-OLD', otherVin, distance, sameSha256 }] });
const stricterInspector: VerdictPolicy = { ...DEFAULT_VERDICT_POLICY, perKind: { INSPECTOR_WITH_VEHICLE: { personConfidence: 0.7 } } };

describe('automatic photo verdict', () => {
  it.each<[string, PhotoFindings, 'PASS' | 'FAIL' | 'REVIEW', VerdictPolicy?]>([
    ['plate read surely and matching', photo('LEFT_FRONT_45', { plate: { value: '浙A·12345', confidence: 0.97 } }), 'PASS'],
    ['plate read surely, another plate', photo('LEFT_FRONT_45', { plate: { value: '浙A54321', confidence: 0.95 } }), 'FAIL'],
    ['plate read at 0.89', photo('LEFT_FRONT_45', { plate: { value: '浙A12345', confidence: 0.89 } }), 'REVIEW'],
    ['no plate read', photo('RIGHT_REAR_45'), 'REVIEW'],
    ['VIN read surely and matching', photo('VIN_STAMP', { vin: { value: 'LSVAU218XN2183294', confidence: 0.99 } }), 'PASS'],
    ['VIN read surely, another VIN', photo('VIN_RUBBING', { vin: { value: 'LSVAU218XN2183295', confidence: 0.99 } }), 'FAIL'],
    ['too small', photo('OTHER', { quality: { width: 600, height: 480, blur: 0.3, exposure: 0.5, bounds: null } }), 'FAIL'],
    ['too dark for its kind', photo('OTHER', { quality: { width: 1920, height: 1080, blur: 0.3, exposure: 0.1, bounds: { blur: { min: 0.1, max: 1 }, exposure: { min: 0.2, max: 0.8 } } } }), 'FAIL'],
    ['inspector seen at 0.6', photo('INSPECTOR_WITH_VEHICLE', { persons: [{ confidence: 0.6 }] }), 'PASS'],
    ['inspector at 0.6, kind threshold 0.7', photo('INSPECTOR_WITH_VEHICLE', { persons: [{ confidence: 0.6 }] }), 'REVIEW', stricterInspector],
    ['nobody on the inspector photo', photo('INSPECTOR_WITH_VEHICLE', { persons: [] }), 'REVIEW'],
    ['classifier sure of another kind', photo('OTHER', { predictedKind: { value: 'VIN_STAMP', confidence: 0.85 } }), 'REVIEW'],
    ['classifier unsure of another kind', photo('OTHER', { predictedKind: { value: 'VIN_STAMP', confidence: 0.79 } }), 'PASS'],
    ['colour surely different', photo('LEFT_FRONT_45', { plate: { value: '浙A12345', confidence: 0.97 }, color: { value: 'RED', confidence: 0.9 } }), 'REVIEW'],
    ['same file on another vehicle', photo('OTHER', near(true, 'LFV2A21K6M4042417', 0)), 'FAIL'],
    ['near copy on another vehicle', photo('OTHER', near(false, 'LFV2A21K6M4042417')), 'REVIEW'],
    ['near copy of the same vehicle', photo('OTHER', near(false, 'LSVAU218XN2183294')), 'PASS'],
    ['not an image', { ...unreadableFindings(0, 'OTHER', null) }, 'FAIL'],
  ])('%s → %s', (_name, findings, expected, policy) => {
    expect(judgePhoto(findings, RECORD, findings.decodable ? null : '照片无法解码', policy).verdict).toBe(expected);
  });

  it('gives the reviewer reasons in Chinese', () => {
    expect(judgePhoto(photo('LEFT_FRONT_45', { plate: { value: '浙A54321', confidence: 0.95 } }), RECORD, null).reasons).toEqual(['照片号牌浙A54321与登记号牌浙A12345不一致']);
  });
});

describe('verdict policy as data', () => {
  it('is versioned, audited, and refuses bad thresholds naming the field', async () => {
    const test = await openTestDatabase('pglite');
    try {
      expect(await loadVerdictPolicy(test.db.prisma)).toEqual(DEFAULT_VERDICT_POLICY);
      const bad = await saveVerdictPolicy(test.db, 'admin', { defaults: { ...DEFAULT_VERDICT_POLICY.defaults, sureReading: 1.5 }, perKind: { SELFIE: {} } });
      expect(!bad.ok && bad.error.problems?.map((p) => p.path).sort()).toEqual(['defaults.sureReading', 'perKind']);
      const saved = await saveVerdictPolicy(test.db, 'admin', { defaults: DEFAULT_VERDICT_POLICY.defaults, perKind: { INSPECTOR_WITH_VEHICLE: { personConfidence: 0.7 } } });
      expect(saved.ok && saved.value.version).toBe(2);
      expect((await loadVerdictPolicy(test.db.prisma)).perKind.INSPECTOR_WITH_VEHICLE).toEqual({ personConfidence: 0.7 });
      expect(await test.db.prisma.auditEntry.count({ where: { action: 'photos.verdict-policy.updated' } })).toBe(1);
    } finally {
      await test.dispose();
    }
  });
});
