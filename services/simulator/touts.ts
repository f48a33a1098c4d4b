/**
 * Intermediaries (黄牛): rings of touts who act for many unrelated applicants, write their own
 * phones on the clients' records, hoard appointments through shared booker phones and
 * accounts, and favour colluding handlers. Higher tiers rotate agents inside the ring, split
 * identities (straw agents sharing a tout's phone), send clients alone, and at `hard` a
 * registered dealer clerk works for a ring on the side.
 */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import { buildDraft, randomOpenTime } from './clean.ts';
import { makeAccount, makeMobile } from './identity.ts';
import type { SimOrg } from './orgs.ts';
import { agentOf, personApplicant } from './parties.ts';
import { BRANCHES, DMV, claimHandler, stationOf } from './plant-kit.ts';
import type { Person } from './population.ts';
import type { Rng } from './prng.ts';
import type { Sim, Slot } from './sim.ts';
import { DAY, SECOND, formatLocal, localDate } from './time.ts';
import type { SimTransaction, Tier, Truth, TxAppointment } from './types.ts';
import type { SimHandler } from './world.ts';

interface TierParams {
  readonly rings: number;
  readonly members: readonly [number, number];
  readonly straws: number;
  readonly share: number;
  readonly collude: number;
  readonly phoneOnClient: number;
  readonly hoard: number;
  readonly noAgent: number;
  readonly rotate: boolean;
  readonly dealerClerk: boolean;
  readonly burners: number;
  readonly bookers: number;
  /** How reliably the ring keeps each identity, phone and booker under the R16/R14/R20 thresholds. */
  readonly caps: number;
}

export const TIERS: Record<Tier, TierParams> = {
  easy: { rings: 2, members: [2, 3], straws: 0, share: 0.035, collude: 0.75, phoneOnClient: 0.6, hoard: 0.6, noAgent: 0, rotate: false, dealerClerk: false, burners: 1, bookers: 1, caps: 0 },
  medium: { rings: 3, members: [3, 4], straws: 1, share: 0.03, collude: 0.55, phoneOnClient: 0.4, hoard: 0.45, noAgent: 0.1, rotate: true, dealerClerk: false, burners: 2, bookers: 2, caps: 0 },
  hard: { rings: 4, members: [5, 7], straws: 4, share: 0.02, collude: 0.4, phoneOnClient: 0.5, hoard: 0.5, noAgent: 0.2, rotate: true, dealerClerk: true, burners: 4, bookers: 4, caps: 0.85 },
};

/** Points a tout transaction may legitimately fire; anything else is re-drawn. */
const TOUT_ALLOWED = ['R14', 'R16', 'R19', 'R20'];
const TOUT_TYPES: readonly (readonly [BusinessTypeCode, number])[] = [
  ['TRANSFER', 45], ['INSPECTION_LABEL', 15], ['DL_RENEW', 10], ['MORTGAGE_RELEASE', 8], ['DL_REPLACE', 7],
  ['PLATE_REPLACE', 5], ['CERT_REPLACE', 5], ['REG_NEW', 5],
];

export interface ToutIdentity {
  readonly person: Person;
  /** The phone written on records: a straw identity carries its tout's phone. */
  readonly phone: string;
  readonly org: SimOrg | null;
  readonly clients: number[];
}

export interface Ring {
  readonly ringId: string;
  readonly members: ToutIdentity[];
  readonly phones: string[];
  readonly bookerPhones: string[];
  readonly bookerAccounts: string[];
  readonly handlers: SimHandler[];
  /** When each phone, booker phone and booker account of the ring was used (for the caps). */
  readonly uses: Map<string, number[]>;
}

function recentUses(ring: Ring, key: string, ms: number, days: number): number {
  return (ring.uses.get(key) ?? []).filter((t) => t > ms - days * DAY).length;
}

function buildRing(sim: Sim, rng: Rng, index: number, p: TierParams): Ring {
  const onDate = sim.options.start;
  const quiet = () => sim.people.person({ onDate, minAge: 25, maxAge: 55, quiet: true });
  const mains = Array.from({ length: rng.int(p.members[0], p.members[1]) }, quiet)
    .map((person): ToutIdentity => ({ person, phone: person.phone, org: null, clients: [] }));
  const straws = Array.from({ length: p.straws }, (): ToutIdentity => ({ person: quiet(), phone: rng.pick(mains).phone, org: null, clients: [] }));
  const reg = sim.people.registry;
  const homes = [DMV, ...BRANCHES];
  const handlers = Array.from({ length: index === 0 || p.rings < 3 ? 1 : 2 }, (_, k) =>
    claimHandler(sim, rng, homes[(index + k * 2) % homes.length] ?? DMV, 'OFFICER'));
  return {
    ringId: `RING-${String(index + 1).padStart(2, '0')}`,
    members: [...mains, ...straws],
    phones: Array.from({ length: p.burners }, () => makeMobile(rng, reg)),
    bookerPhones: Array.from({ length: p.bookers }, () => makeMobile(rng, reg)),
    bookerAccounts: Array.from({ length: p.bookers }, () => makeAccount(rng, reg)),
    handlers,
    uses: new Map(),
  };
}

export function buildRings(sim: Sim, rng: Rng): Ring[] {
  const p = TIERS[sim.options.tier];
  const rings = Array.from({ length: p.rings }, (_, i) => buildRing(sim, rng, i, p));
  const dealer = sim.world.orgs.find((o) => o.kind === 'DEALER');
  const first = rings[0];
  if (p.dealerClerk && dealer && first) {
    // A registered dealer clerk moonlighting for a ring: R16 exempts him, the network does not.
    const clerk = rng.pick(dealer.clerks);
    first.members.push({ person: clerk, phone: clerk.phone, org: dealer, clients: [] });
  }
  return rings;
}

function chooseMember(rng: Rng, ring: Ring, p: TierParams, ms: number): ToutIdentity | null {
  if (rng.chance(p.noAgent)) return null;
  if (!p.rotate) return rng.chance(0.6) ? (ring.members[0] ?? null) : rng.pick(ring.members);
  // Rotation: the identity with the fewest clients this month takes the next one; with caps,
  // nobody takes a 5th client in 30 days (R16) and the client is sent alone instead.
  const recent = (m: ToutIdentity) => m.clients.filter((t) => t > ms - 30 * DAY).length;
  const least = Math.min(...ring.members.map(recent));
  if (least >= 4 && rng.chance(p.caps)) return null;
  return rng.pick(ring.members.filter((m) => recent(m) === least));
}

function ringPhone(rng: Rng, ring: Ring, p: TierParams, ms: number): string | null {
  const pool = [...ring.phones, ...new Set(ring.members.map((m) => m.phone))];
  const usable = rng.chance(p.caps) ? pool.filter((phone) => recentUses(ring, phone, ms, 90) < 2) : pool;
  return usable.length > 0 ? rng.pick(usable) : null;
}

function hoarded(sim: Sim, rng: Rng, ring: Ring, p: TierParams, ms: number): TxAppointment | null {
  const careful = rng.chance(p.caps);
  const under = (keys: string[]) => (careful ? keys.filter((k) => recentUses(ring, k, ms, 7) < 3) : keys);
  const phones = under(ring.bookerPhones);
  const accounts = under(ring.bookerAccounts);
  if (phones.length === 0 || accounts.length === 0) return null;
  // Slots are released at 20:00; the ring's scripts grab them within seconds.
  const release = sim.midnight(sim.dayOf(ms) - rng.int(2, 9)) + 20 * 3_600_000 + rng.int(0, 90) * SECOND;
  return { id: sim.nextAppointmentId(release), bookedAt: formatLocal(release), bookerPhone: rng.pick(phones), bookerAccount: rng.pick(accounts) };
}

function toutDraft(sim: Sim, rng: Rng, ring: Ring, code: string, ms: number, colluder: SimHandler | null): SimTransaction {
  const p = TIERS[sim.options.tier];
  const member = chooseMember(rng, ring, p, ms);
  const type = member?.org ? 'TRANSFER' : rng.weighted(TOUT_TYPES);
  const client = sim.people.freshApplicant(localDate(ms));
  const applicant = personApplicant(rng, client, member ? 'NOT_DONE' : 'PASSED');
  if (member === null || rng.chance(p.phoneOnClient)) applicant.phone = ringPhone(rng, ring, p, ms) ?? client.phone;
  const agent = member ? { ...agentOf(rng, member.person, member.org?.orgCode ?? null), phone: member.phone } : null;
  const draft = buildDraft(sim, rng, {
    station: stationOf(sim, code), time: ms, type, channel: 'COUNTER',
    parties: { applicant, agent, person: client, proxy: null, org: null },
    appointment: rng.chance(p.hoard) ? hoarded(sim, rng, ring, p, ms) : null,
    ...(colluder?.permissions.includes(type) ? { handler: colluder } : {}),
  });
  sim.meta.set(draft, { proxy: null, person: member?.person ?? null });
  return draft;
}

/** The day's tout transactions, spread over the rings. */
export function toutSlots(sim: Sim, rng: Rng, rings: readonly Ring[], day: number, count: number): Slot[] {
  const p = TIERS[sim.options.tier];
  const slots: Slot[] = [];
  for (let i = 0; i < count && rings.length > 0; i++) {
    const ring = rng.pick(rings);
    let colluder: SimHandler | null = rng.chance(p.collude) ? rng.pick(ring.handlers) : null;
    let code = colluder?.home ?? rng.pick([DMV, ...BRANCHES]);
    let time = randomOpenTime(rng, stationOf(sim, code), sim.midnight(day));
    if (time === null) [code, colluder, time] = [DMV, null, randomOpenTime(rng, stationOf(sim, DMV), sim.midnight(day))];
    if (time === null) continue;
    const ms = time;
    slots.push({
      time: ms, role: 'tout', allowed: TOUT_ALLOWED,
      build: (s, r, attempt) => toutDraft(s, r, ring, code, ms, attempt < 5 ? colluder : null),
      onCommit: (s, tx) => {
        const member = ring.members.find((m) => m.person === s.meta.get(tx)?.person);
        member?.clients.push(ms);
        for (const key of [tx.applicant.phone, tx.appointment?.bookerPhone, tx.appointment?.bookerAccount]) {
          if (key) ring.uses.set(key, [...(ring.uses.get(key) ?? []), ms]);
        }
      },
    });
  }
  return slots;
}

export function ringTruth(rings: readonly Ring[]): Pick<Truth, 'touts' | 'rings' | 'colludingHandlers'> {
  return {
    touts: rings.flatMap((r) => r.members.map((m) => ({ idNumber: m.person.idNumber, phone: m.phone, ringId: r.ringId }))),
    rings: rings.map((r) => ({
      ringId: r.ringId,
      members: r.members.map((m) => m.person.idNumber),
      phones: [...new Set([...r.members.map((m) => m.phone), ...r.phones, ...r.bookerPhones])],
      bookerAccounts: r.bookerAccounts,
      handlers: r.handlers.map((h) => h.id),
    })),
    colludingHandlers: rings.flatMap((r) => r.handlers.map((h) => h.id)),
  };
}
