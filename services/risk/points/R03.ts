import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, pending, WAITING, type RiskPoint } from './types.ts';

/** R03 非本站终端: the station lists its workstations and this one is not among them. */
export const R03: RiskPoint<NoParams> = {
  code: 'R03',
  nameZh: '非本站终端',
  nameEn: 'Foreign workstation',
  category: 'HANDLER',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const station = f.reference.station;
    if (station === null) return pending(WAITING.station);
    if (station.workstations.length === 0) return MISS;
    const ws = f.tx.workstationId;
    if (ws !== null && station.workstations.includes(ws)) return MISS;
    // A missing workstationId at a station that registers its terminals is no better than an
    // unknown one: the case did not come from a registered terminal.
    const reason = ws === null ? `未提供终端编号，本站登记了${station.workstations.length}台终端` : `终端${ws}不在本站登记的终端名单中`;
    return hit(reason, { workstationId: ws, registeredWorkstations: station.workstations.length });
  },
};
