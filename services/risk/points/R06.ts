import { businessType } from '../../domain/index.ts';
import { businessTypeName } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** R06 受理审批同一人: key business without a separate approver. */
export const R06: RiskPoint<NoParams> = {
  code: 'R06',
  nameZh: '受理审批同一人',
  nameEn: 'No separation of duties',
  category: 'HANDLER',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (!businessType(tx.type).key) return MISS;
    const approver = tx.approverId?.trim() || null;
    if (approver === null) return hit(`重点业务${businessTypeName(tx.type)}无审批人`, { approverMissing: true, sameAsHandler: false });
    if (approver === tx.handlerId.trim()) {
      return hit(`重点业务${businessTypeName(tx.type)}的受理与审批为同一人${tx.handlerId}`, { approverMissing: false, sameAsHandler: true });
    }
    return MISS;
  },
};
