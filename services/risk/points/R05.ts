import { normaliseIdNumber, normalisePhone } from '../../domain/index.ts';
import type { Handler } from '../../ingest/schema/index.ts';
import { STAFF_ROLE_NAMES as STAFF_NAMES } from '../labels.ts';
import { NO_PARAMS, partiesOf, ROLE_NAMES, type NoParams } from './helpers.ts';
import { hit, MISS, pending, type RiskPoint } from './types.ts';

/**
 * R05 为本人或关系人办理 ◆: the applicant or agent is the handler or approver by ID number, or
 * shares a phone with them. Evidence names the relation, never the numbers themselves.
 */
export const R05: RiskPoint<NoParams> = {
  code: 'R05',
  nameZh: '为本人或关系人办理',
  nameEn: 'Self-dealing',
  category: 'HANDLER',
  defaultWeight: 80,
  dualReview: true,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const staff: [keyof typeof STAFF_NAMES, Handler | null][] = [['HANDLER', f.reference.handler], ['APPROVER', f.reference.approver]];
    const relations: string[] = [];
    const texts: string[] = [];
    for (const party of partiesOf(f.tx)) {
      for (const [role, member] of staff) {
        if (member === null) continue;
        const sameId = party.idNumber !== null && party.idNumber === normaliseIdNumber(member.idNumber);
        const samePhone = party.phone !== null && party.phone === normalisePhone(member.phone);
        if (sameId) {
          relations.push(`${party.role}_ID=${role}_ID`);
          texts.push(`${ROLE_NAMES[party.role]}即${STAFF_NAMES[role]}本人`);
        }
        if (samePhone) {
          relations.push(`${party.role}_PHONE=${role}_PHONE`);
          texts.push(`${ROLE_NAMES[party.role]}电话与${STAFF_NAMES[role]}电话相同`);
        }
      }
    }
    if (relations.length > 0) return hit(texts.join('；'), { relations });
    // Without the handler's record the main comparison cannot be made.
    return f.reference.handler === null ? pending('reference data: handler') : MISS;
  },
};
