import { z } from 'zod';
import { normalisePhone } from '../../domain/index.ts';
import { countParam, daysParam } from './helpers.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({ minApplicants: countParam(4), windowDays: daysParam(7) });
type Params = z.output<typeof params>;

/**
 * R20 预约号源囤积: the booking's bookerPhone, or separately its bookerAccount, appears on
 * transactions of ≥ 4 distinct applicants in the window — one person booking slots for many.
 */
export const R20: RiskPoint<Params> = {
  code: 'R20',
  nameZh: '预约号源囤积',
  nameEn: 'Appointment hoarding',
  category: 'INTERMEDIARY',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const appointment = f.tx.appointment;
    if (!appointment) return MISS;
    const texts: string[] = [];
    let byPhone: number | null = null;
    let byAccount: number | null = null;
    if (normalisePhone(appointment.bookerPhone) !== null) {
      const n = windowValue('bookerPhoneApplicants', f.aggregates.bookerPhoneApplicants, p.windowDays);
      if (n >= p.minApplicants) {
        byPhone = n;
        texts.push(`预约电话${p.windowDays}天内为${n}名不同申请人预约`);
      }
    }
    if (appointment.bookerAccount?.trim()) {
      const n = windowValue('bookerAccountApplicants', f.aggregates.bookerAccountApplicants, p.windowDays);
      if (n >= p.minApplicants) {
        byAccount = n;
        texts.push(`预约账号${p.windowDays}天内为${n}名不同申请人预约`);
      }
    }
    if (texts.length === 0) return MISS;
    return hit(texts.join('；'), { bookerPhoneApplicants: byPhone, bookerAccountApplicants: byAccount, windowDays: p.windowDays });
  },
};
