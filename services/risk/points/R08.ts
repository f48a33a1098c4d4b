import { normaliseIdNumber, normalisePlate, normaliseVin } from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { VersionSnapshot } from '../features.ts';
import { CHANGED_FIELD_NAMES as FIELD_NAMES } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

type Field = keyof typeof FIELD_NAMES;

const upper = (v: string | null | undefined): string | null => v?.trim().toUpperCase() || null;

function keyFields(s: Omit<VersionSnapshot, 'version' | 'status'>): Record<Field, string | null> {
  return {
    type: s.type,
    applicantIdNumber: normaliseIdNumber(s.applicantIdNumber),
    applicantOrgCode: upper(s.applicantOrgCode),
    agentIdNumber: normaliseIdNumber(s.agentIdNumber),
    plate: normalisePlate(s.plate),
    vin: normaliseVin(s.vin),
  };
}

/** The R08 fields of a transaction, in the shape of a stored earlier version. */
export function snapshotOf(tx: Transaction): VersionSnapshot {
  return {
    version: tx.version, status: tx.status, type: tx.type,
    applicantIdNumber: tx.applicant.idNumber, applicantOrgCode: tx.applicant.orgCode,
    agentIdNumber: tx.agent?.idNumber ?? null, plate: tx.vehicle?.plate ?? null, vin: tx.vehicle?.vin ?? null,
  };
}

/**
 * R08 办结后改关键信息: a revision, after some earlier version was received as COMPLETED,
 * changes a key field relative to the version it revises. A plate filled in where the earlier
 * version had none is not a change: first registration issues the plate after acceptance.
 */
export const R08: RiskPoint<NoParams> = {
  code: 'R08',
  nameZh: '办结后改关键信息',
  nameEn: 'Edit after completion',
  category: 'HANDLER',
  defaultWeight: 50,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const revision = f.revision;
    if (revision === null || revision.completedVersions.length === 0) return MISS;
    const before = keyFields(revision.previous);
    const now = keyFields(snapshotOf(f.tx));
    const changed = (Object.keys(before) as Field[]).filter((field) => {
      if (before[field] === now[field]) return false;
      return !(field === 'plate' && before.plate === null);
    });
    if (changed.length === 0) return MISS;
    return hit(
      `业务在第${revision.completedVersions.join('、')}版已办结，第${f.tx.version}版又修改了${changed.map((c) => FIELD_NAMES[c]).join('、')}`,
      { completedVersions: [...revision.completedVersions], previousVersion: revision.previous.version, version: f.tx.version, changedFields: changed },
    );
  },
};
