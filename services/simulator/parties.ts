/**
 * Who comes to the counter: the applicant alone, a relative with a power of attorney, or the
 * clerk of a registered organisation (dealer, postal, insurer, fleet, broker, driving school).
 * All of these are legitimate; intermediaries are drawn in touts.ts.
 */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import type { Channel, IdentityCheck } from '../domain/codes.ts';
import { makeCompany, type SimOrg } from './orgs.ts';
import { type Person, writeAddress } from './population.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import type { SimStation } from './stations.ts';
import { localDate } from './time.ts';
import type { ProxyKind, TxAgent, TxApplicant } from './types.ts';

export interface Parties {
  readonly applicant: TxApplicant;
  readonly agent: TxAgent | null;
  /** The applicant as a citizen (for their booking account), when a person. */
  readonly person: Person | null;
  readonly proxy: ProxyKind | null;
  /** The registered organisation whose clerk acts, if any (dealers pick the brand). */
  readonly org: SimOrg | null;
}

export function personApplicant(rng: Rng, p: Person, check: IdentityCheck): TxApplicant {
  return {
    kind: 'PERSON', idNumber: p.idNumber, orgCode: null, name: p.name, phone: p.phone,
    address: writeAddress(rng, p.address), identityCheck: check,
  };
}

export function orgApplicant(o: SimOrg): TxApplicant {
  return {
    kind: 'ORGANISATION', idNumber: null, orgCode: o.orgCode, name: o.name, phone: o.phones[0] ?? null,
    address: o.address, identityCheck: 'NOT_DONE',
  };
}

export function agentOf(rng: Rng, p: Person, orgCode: string | null, check: IdentityCheck = 'PASSED'): TxAgent {
  return { idNumber: p.idNumber, name: p.name, phone: p.phone, address: writeAddress(rng, p.address), identityCheck: check, orgCode };
}

/** The applicant is checked only when present; with an agent at the counter they are not. */
export function selfParties(rng: Rng, p: Person): Parties {
  return { applicant: personApplicant(rng, p, 'PASSED'), agent: null, person: p, proxy: null, org: null };
}

export function proxyParties(rng: Rng, applicant: Person, agent: Person, org: SimOrg | null, proxy: ProxyKind | null): Parties {
  return {
    applicant: personApplicant(rng, applicant, 'NOT_DONE'), agent: agentOf(rng, agent, org?.orgCode ?? null),
    person: applicant, proxy, org,
  };
}

function orgParties(sim: Sim, rng: Rng, org: SimOrg, proxy: ProxyKind | null): Parties {
  const clerk = rng.pick(org.clerks.filter((c) => !sim.reservedPeople.has(c.idNumber)));
  return { applicant: orgApplicant(org), agent: agentOf(rng, clerk, org.orgCode), person: null, proxy, org };
}

/** An applicant who has not been seen before (or, rarely, someone returning). */
export function citizen(sim: Sim, rng: Rng, type: BusinessTypeCode, ms: number): Person {
  const date = localDate(ms);
  if (type === 'DL_APPLY' || type === 'EXAM_BOOK') return sim.people.freshApplicant(date, 18, 45);
  const back = rng.chance(0.06) ? sim.people.returning() : null;
  return back ?? sim.people.freshApplicant(date);
}

function orgOf(sim: Sim, rng: Rng, kind: string, station?: SimStation): SimOrg {
  const orgs = sim.world.orgs.filter((o) => o.kind === kind && (!station || o.stations.includes(station.code)));
  return rng.pick(orgs);
}

function clerkFor(sim: Sim, rng: Rng, type: BusinessTypeCode, ms: number, org: SimOrg): Parties {
  const clerk = rng.pick(org.clerks.filter((c) => !sim.reservedPeople.has(c.idNumber)));
  return proxyParties(rng, citizen(sim, rng, type, ms), clerk, org, org.kind as ProxyKind);
}

function familyParties(sim: Sim, rng: Rng, type: BusinessTypeCode, ms: number): Parties {
  const pair = sim.people.familyPair();
  return pair ? proxyParties(rng, pair.applicant, pair.agent, null, 'FAMILY') : selfParties(rng, citizen(sim, rng, type, ms));
}

const PARTNER_PROXY_RATE: Record<string, number> = { DEALER: 0.8, POSTAL: 0.3, INSURANCE: 0.3 };
const VEHICLE_OFFICE_TYPES = new Set<BusinessTypeCode>(['INSPECTION_LABEL', 'MORTGAGE', 'CHANGE', 'MORTGAGE_RELEASE', 'DEREGISTER']);

/** Counter business at the DMV and branches: who brings it, by business type. */
function counterParties(sim: Sim, rng: Rng, type: BusinessTypeCode, ms: number): Parties {
  const roll = rng.next();
  const self = () => selfParties(rng, citizen(sim, rng, type, ms));
  if (type === 'TRANSFER' || type === 'REG_NEW') {
    const via = type === 'TRANSFER' ? 'USED_CAR_BROKER' : 'DEALER';
    if (roll < 0.11) return clerkFor(sim, rng, type, ms, orgOf(sim, rng, via));
    if (roll < 0.15) return orgParties(sim, rng, orgOf(sim, rng, 'FLEET'), 'FLEET');
    if (roll < 0.18) return orgParties(sim, rng, makeCompany(rng, sim.people, localDate(ms)), null);
    return roll < 0.22 ? familyParties(sim, rng, type, ms) : self();
  }
  if (type === 'DL_APPLY' || type === 'EXAM_BOOK') {
    if (roll < 0.3) return clerkFor(sim, rng, type, ms, orgOf(sim, rng, 'DRIVING_SCHOOL'));
    return roll < 0.33 ? familyParties(sim, rng, type, ms) : self();
  }
  if (VEHICLE_OFFICE_TYPES.has(type) && roll < 0.05) return orgParties(sim, rng, orgOf(sim, rng, 'FLEET'), 'FLEET');
  return roll > 0.95 ? familyParties(sim, rng, type, ms) : self();
}

export function courtParties(sim: Sim, rng: Rng, station: SimStation): Parties {
  const own = sim.world.courts.filter((c) => c.stations.includes(station.code));
  const court = rng.pick(own.length > 0 ? own : sim.world.courts);
  return { applicant: orgApplicant(court), agent: null, person: null, proxy: null, org: null };
}

export function pickParties(sim: Sim, rng: Rng, station: SimStation, type: BusinessTypeCode, ms: number, channel: Channel): Parties {
  if (type === 'SEIZE' || type === 'UNSEIZE') return courtParties(sim, rng, station);
  if (channel === 'ONLINE' || channel === 'SELF_SERVICE') return selfParties(rng, citizen(sim, rng, type, ms));
  const rate = PARTNER_PROXY_RATE[station.kind];
  if (rate !== undefined) {
    const org = orgOf(sim, rng, station.kind, station);
    return rng.chance(rate) ? clerkFor(sim, rng, type, ms, org) : { ...selfParties(rng, citizen(sim, rng, type, ms)), org };
  }
  if (station.kind === 'DMV' || station.kind === 'BRANCH') return counterParties(sim, rng, type, ms);
  return selfParties(rng, citizen(sim, rng, type, ms));
}
