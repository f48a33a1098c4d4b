import { NO_PARAMS, partiesOf, ROLE_NAMES, type NoParams } from './helpers.ts';
import { listIndex } from './list-index.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/** R11 关注人员: the applicant's or agent's idNumber is on the person watch list. */
export const R11: RiskPoint<NoParams> = {
  code: 'R11',
  nameZh: '关注人员',
  nameEn: 'Watch-listed person',
  category: 'APPLICANT',
  defaultWeight: 70,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const matched: string[] = [];
    const reasons: (string | null)[] = [];
    const watched = listIndex(f.reference.personWatchlist).byIdNumber;
    for (const party of partiesOf(f.tx)) {
      if (party.idNumber === null) continue;
      const entry = watched.get(party.idNumber);
      if (entry) {
        matched.push(party.role);
        reasons.push(entry.reason);
      }
    }
    if (matched.length === 0) return MISS;
    const text = matched.map((role, i) => `${ROLE_NAMES[role as 'APPLICANT' | 'AGENT']}在关注人员名单上${reasons[i] ? `(${reasons[i]})` : ''}`);
    return hit(text.join('；'), { matched, listReasons: reasons });
  },
};
