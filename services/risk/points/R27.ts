import { normaliseIdNumber, normaliseVin } from '../../domain/index.ts';
import { MATERIAL_NAMES } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R27 材料信息不一致: a material names another vehicle (subjectVin ≠ vehicle.vin) or another
 * person (subjectIdNumber neither the applicant's nor the agent's). An organisation
 * applicant's orgCode stands for its idNumber. With no VIN on the case there is nothing to
 * compare a subjectVin with (as R30 does for a null plate).
 */
export const R27: RiskPoint<NoParams> = {
  code: 'R27',
  nameZh: '材料信息不一致',
  nameEn: 'Document mismatch',
  category: 'MATERIALS',
  defaultWeight: 45,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    const vin = normaliseVin(tx.vehicle?.vin);
    const people = new Set([tx.applicant.idNumber, tx.applicant.orgCode, tx.agent?.idNumber].map(normaliseIdNumber).filter((v) => v !== null));
    const mismatches: { kind: string; field: string }[] = [];
    const texts: string[] = [];
    for (const m of tx.materials) {
      const subjectVin = normaliseVin(m.subjectVin);
      if (subjectVin !== null && vin !== null && subjectVin !== vin) {
        mismatches.push({ kind: m.kind, field: 'subjectVin' });
        texts.push(`${MATERIAL_NAMES[m.kind]}所载车辆识别代号与本车不符`);
      }
      const subjectId = normaliseIdNumber(m.subjectIdNumber);
      if (subjectId !== null && !people.has(subjectId)) {
        mismatches.push({ kind: m.kind, field: 'subjectIdNumber' });
        texts.push(`${MATERIAL_NAMES[m.kind]}所载身份号码既非申请人也非代办人`);
      }
    }
    if (mismatches.length === 0) return MISS;
    return hit(texts.join('；'), { mismatches });
  },
};
