import { NO_PARAMS, partiesOf, ROLE_NAMES, type NoParams } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

/**
 * R21 中介团伙成员: the applicant, the agent, or either's phone belongs to a ring the
 * intermediary detector has flagged at the time of scoring.
 */
export const R21: RiskPoint<NoParams> = {
  code: 'R21',
  nameZh: '中介团伙成员',
  nameEn: 'Ring member',
  category: 'INTERMEDIARY',
  defaultWeight: 60,
  dualReview: false,
  timing: 'RINGS',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    if (f.rings === undefined) return pending(WAITING.rings);
    const matches: { ringId: string; via: string }[] = [];
    for (const ring of f.rings) {
      for (const party of partiesOf(f.tx)) {
        if (party.idNumber !== null && ring.memberIdNumbers.includes(party.idNumber)) matches.push({ ringId: ring.ringId, via: `${party.role}_ID` });
        if (party.phone !== null && ring.memberPhones.includes(party.phone)) matches.push({ ringId: ring.ringId, via: `${party.role}_PHONE` });
      }
    }
    const first = matches[0];
    if (first === undefined) return MISS;
    const ringIds = [...new Set(matches.map((m) => m.ringId))];
    const [role, what] = first.via.split('_') as ['APPLICANT' | 'AGENT', 'ID' | 'PHONE'];
    const who = `${ROLE_NAMES[role]}${what === 'PHONE' ? '电话' : ''}`;
    const more = ringIds.length > 1 ? `等${ringIds.length}个团伙` : '';
    return hit(`${who}属于中介团伙${first.ringId}${more}`, { ringIds, matches });
  },
};
