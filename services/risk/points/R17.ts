import { NO_PARAMS, partiesOf, ROLE_NAMES, type NoParams } from './helpers.ts';
import { listIndex } from './list-index.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R17 黑名单中介 ◆: the applicant's or agent's idNumber or phone is on the intermediary
 * blacklist. Phones are compared normalised, so "+86 139…" matches "139…".
 */
export const R17: RiskPoint<NoParams> = {
  code: 'R17',
  nameZh: '黑名单中介',
  nameEn: 'Blacklisted intermediary',
  category: 'INTERMEDIARY',
  defaultWeight: 90,
  dualReview: true,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const matched: string[] = [];
    const texts: string[] = [];
    const reasons = new Set<string>();
    const list = listIndex(f.reference.intermediaryBlacklist);
    for (const party of partiesOf(f.tx)) {
      const byId = party.idNumber === null ? undefined : list.byIdNumber.get(party.idNumber);
      const byPhone = party.phone === null ? undefined : list.byPhone.get(party.phone);
      for (const [what, entry, label] of [['ID', byId, '身份号码'], ['PHONE', byPhone, '电话']] as const) {
        if (!entry) continue;
        matched.push(`${party.role}_${what}`);
        texts.push(`${ROLE_NAMES[party.role]}${label}在中介黑名单上`);
        if (entry.reason) reasons.add(entry.reason);
      }
    }
    if (matched.length === 0) return MISS;
    const because = reasons.size > 0 ? `(${[...reasons].join('；')})` : '';
    return hit(`${texts.join('；')}${because}`, { matched, listReasons: [...reasons] });
  },
};
