import { z } from 'zod';
import { normaliseAddress, normaliseIdNumber, surnameOf } from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Features, Principal } from '../features.ts';
import { countParam, daysParam } from './helpers.ts';
import { oncePerList } from './list-index.ts';
import { hit, MISS, windowValue, type RiskPoint } from './types.ts';

const params = z.strictObject({ minApplicants: countParam(5), windowDays: daysParam(30) });
type Params = z.output<typeof params>;

type Organisations = Features['reference']['organisations'];

/**
 * Each organisation's clerks (normalised ID numbers) by upper-case org code, the first
 * organisation of a code winning as a scan would.
 */
const clerkIndex = oncePerList((organisations: Organisations): ReadonlyMap<string, ReadonlySet<string | null>> => {
  const index = new Map<string, ReadonlySet<string | null>>();
  for (const o of organisations) {
    const code = o.orgCode.toUpperCase();
    if (!index.has(code)) index.set(code, new Set(o.clerks.map((c) => normaliseIdNumber(c.idNumber))));
  }
  return index;
});

/** Registered clerk: agent.orgCode is a registered organisation listing the agent as a clerk. */
export function registeredClerk(agent: Transaction['agent'], organisations: Organisations): boolean {
  const orgCode = agent?.orgCode?.trim().toUpperCase();
  if (!agent || !orgCode) return false;
  return clerkIndex(organisations).get(orgCode)?.has(normaliseIdNumber(agent.idNumber)) ?? false;
}

export const isRegisteredClerk = (f: Features): boolean => registeredClerk(f.tx.agent, f.reference.organisations);

/**
 * Distinct principals, a family counting as one: PERSON applicants whose surname and
 * normalised address both equal the agent's are the agent's family.
 */
export function countPrincipals(rows: readonly Principal[], agentSurname: string | null, agentAddress: string | null): { distinct: number; family: number } {
  const all = new Set(rows.map((r) => r.key));
  const family = new Set(rows
    .filter((r) => r.kind === 'PERSON' && agentSurname !== null && agentAddress !== null
      && surnameOf(r.name) === agentSurname && r.address === agentAddress)
    .map((r) => r.key));
  return { distinct: all.size - family.size + (family.size > 0 ? 1 : 0), family: family.size };
}

/**
 * R16 频繁代办: an agent who is not a registered clerk acted for ≥ 5 distinct applicants in the
 * window. Relatives sharing the agent's surname and address count together as one: helping
 * one's own household is not brokerage.
 */
export const R16: RiskPoint<Params> = {
  code: 'R16',
  nameZh: '频繁代办',
  nameEn: 'Repeat proxy',
  category: 'INTERMEDIARY',
  defaultWeight: 50,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: params,
  version: 1,
  evaluate(f, p) {
    const agent = f.tx.agent;
    if (!agent || isRegisteredClerk(f)) return MISS;
    const rows = windowValue('agentPrincipals', f.aggregates.agentPrincipals, p.windowDays);
    const { distinct, family } = countPrincipals(rows, surnameOf(agent.name), normaliseAddress(agent.address));
    if (distinct < p.minApplicants) return MISS;
    const familyNote = family > 1 ? `(其中${family}名同姓同址家庭成员计为1名)` : '';
    return hit(`代办人${p.windowDays}天内为${distinct}名不同申请人代办${familyNote}`, {
      distinctApplicants: distinct, familyApplicants: family, windowDays: p.windowDays, threshold: p.minApplicants,
    });
  },
};
