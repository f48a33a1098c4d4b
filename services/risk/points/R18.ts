import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** R18 代办无委托: an agent acts and no POWER_OF_ATTORNEY material is attached. */
export const R18: RiskPoint<NoParams> = {
  code: 'R18',
  nameZh: '代办无委托',
  nameEn: 'Proxy without authorisation',
  category: 'INTERMEDIARY',
  defaultWeight: 30,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (!tx.agent) return MISS;
    if (tx.materials.some((m) => m.kind === 'POWER_OF_ATTORNEY')) return MISS;
    return hit('代办业务未提交授权委托书', { agentPresent: true, materialKinds: tx.materials.map((m) => m.kind) });
  },
};
