import { IDENTITY_CHECK_NAMES as CHECK_NAMES } from '../labels.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R10 未核验身份: at a counter or partner outlet, the person present — the agent if there is
 * one, else a PERSON applicant — was not verified (identityCheck other than PASSED). An
 * organisation without an agent has nobody present to verify.
 */
export const R10: RiskPoint<NoParams> = {
  code: 'R10',
  nameZh: '未核验身份',
  nameEn: 'Identity not verified',
  category: 'APPLICANT',
  defaultWeight: 30,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    if (tx.channel !== 'COUNTER' && tx.channel !== 'PARTNER') return MISS;
    const present = tx.agent
      ? { role: 'AGENT', label: '代办人', check: tx.agent.identityCheck }
      : tx.applicant.kind === 'PERSON' ? { role: 'APPLICANT', label: '申请人', check: tx.applicant.identityCheck } : null;
    if (present === null || present.check === 'PASSED') return MISS;
    return hit(`${tx.channel === 'COUNTER' ? '窗口' : '合作网点'}受理时到场${present.label}身份核验${CHECK_NAMES[present.check]}`, {
      channel: tx.channel, personPresent: present.role, identityCheck: present.check,
    });
  },
};
