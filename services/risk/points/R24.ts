import { partyKey } from '../../domain/index.ts';
import { materialNames } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R24 材料重复使用: one of this case's material files (by sha256) also appears in another
 * transaction (not an earlier version of this one) whose applicant differs — a document
 * of one person presented for another.
 */
export const R24: RiskPoint<NoParams> = {
  code: 'R24',
  nameZh: '材料重复使用',
  nameEn: 'Reused material',
  category: 'MATERIALS',
  defaultWeight: 60,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    const applicant = partyKey(tx.applicant);
    const kindBySha = new Map(tx.materials.filter((m) => m.sha256 !== null).map((m) => [m.sha256, m.kind]));
    const reused = f.aggregates.materialReuse.filter((r) => r.transactionId !== tx.id
      && kindBySha.has(r.sha256) && (r.applicantKey === null || r.applicantKey !== applicant));
    if (reused.length === 0) return MISS;
    const kinds = [...new Set(reused.map((r) => kindBySha.get(r.sha256)).filter((k) => k !== undefined))];
    const others = new Set(reused.map((r) => r.transactionId));
    return hit(`材料(${materialNames(kinds)})与其他申请人的${others.size}笔业务所用文件相同`, {
      reusedKinds: kinds,
      matches: reused.map((r) => ({ kind: kindBySha.get(r.sha256) ?? null, otherTransactionId: r.transactionId })),
    });
  },
};
