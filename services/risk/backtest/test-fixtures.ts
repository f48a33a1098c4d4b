/** Transactions for the backtest tests: one unregistered agent acting for several principals. */
import { sampleTransaction } from '../../../test/support/fixtures.ts';
import { idNumberCheckChar } from '../../domain/check-digits.ts';

export const AGENT_ID = '330106198505052321';

/** A valid resident ID number for a birth date and sequence. */
export function testIdNumber(seq: number): string {
  const first17 = `330102199001${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + seq).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

/** The n-th principal (n = 0…6) of the agent, one per day from 2 March: the fifth (n = 4) fires R16. */
export function proxied(n: number, prefix = 'proxy'): Record<string, unknown> {
  return sampleTransaction({
    id: `${prefix}-${n}`,
    acceptedAt: `2026-03-0${2 + n}T10:00:00+08:00`,
    completedAt: `2026-03-0${2 + n}T10:30:00+08:00`,
    applicant: { kind: 'PERSON', idNumber: testIdNumber(n), name: `申${'甲乙丙丁戊己庚'[n]}`, phone: `1380000${String(n).padStart(4, '0')}`, address: `杭州市上城区某路${n}号`, identityCheck: 'PASSED' },
    agent: { idNumber: AGENT_ID, name: '钱七', phone: '13911112222', address: '杭州市西湖区某路1号', identityCheck: 'PASSED', orgCode: null },
    // Ordinary plates, so that transfers of the same vehicle are no premium-plate churn (R22).
    vehicle: { plate: `浙A3B72${n}`, vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' },
    materials: [
      { kind: 'ID_CARD', sha256: `${n}`.padStart(64, 'a'), validUntil: '2031-05-01', subjectVin: null, subjectIdNumber: null },
      { kind: 'POWER_OF_ATTORNEY', sha256: `${n}`.padStart(64, 'b'), validUntil: null, subjectVin: null, subjectIdNumber: null },
    ],
  });
}
