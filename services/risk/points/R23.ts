import { businessType, type MaterialKind } from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import { businessTypeName, materialNames } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** Required material kinds of the business type that are not among `present`. */
export function missingMaterials(type: Transaction['type'], present: Iterable<MaterialKind>): MaterialKind[] {
  const have = new Set(present);
  return businessType(type).requiredMaterials.filter((kind) => !have.has(kind));
}

/** R23 材料缺失: a required material is absent and the case was not accepted under tolerance. */
export const R23: RiskPoint<NoParams> = {
  code: 'R23',
  nameZh: '材料缺失',
  nameEn: 'Missing material',
  category: 'MATERIALS',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    // Under tolerance (容缺受理) missing materials are expected now and judged by R25 later.
    if (tx.flags.tolerance) return MISS;
    const missing = missingMaterials(tx.type, tx.materials.map((m) => m.kind));
    if (missing.length === 0) return MISS;
    return hit(`${businessTypeName(tx.type)}缺少必需材料：${materialNames(missing)}`, { missingKinds: missing });
  },
};
