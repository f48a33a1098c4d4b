/** Planted anomalies around proxies and appointments: R16, R18, R19, R20, and premium plates R22. */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import type { SimOrg } from './orgs.ts';
import { type Parties, agentOf, proxyParties, selfParties } from './parties.ts';
import { BRANCHES, DMV, claimHandler, momentsOn, plant, sequenceDays, stationOf } from './plant-kit.ts';
import { surnameOf } from './names.ts';
import type { Person } from './population.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import { DAY, MINUTE, formatLocal } from './time.ts';
import { makeVehicle } from './vehicles.ts';

function fresh(sim: Sim): Person {
  return sim.people.freshApplicant(sim.options.start);
}

function quiet(sim: Sim, extra: { household?: number; address?: string; surname?: string } = {}): Person {
  return sim.people.person({ onDate: sim.options.start, quiet: true, ...extra });
}

/** Schedules a sequence of counter transactions in order, within `span` days. */
function sequence(sim: Sim, rng: Rng, point: string, span: number, parties: ((s: Sim, r: Rng) => Parties)[], type?: BusinessTypeCode, notes: (string | undefined)[] = []): void {
  const station = stationOf(sim, rng.pick([DMV, BRANCHES[0] ?? DMV]));
  const times = momentsOn(sim, rng, station, sequenceDays(sim, rng, station, parties.length, span));
  times.forEach((time, i) => {
    const make = parties[i];
    if (!make) return;
    const note = notes[i];
    plant(sim, time, (s, r) => ({ station, time, channel: 'COUNTER', appointment: null, parties: make(s, r), ...(type ? { type } : {}) }), null, {
      point, ...(note ? { note } : {}),
    });
  });
}

/** R16: an unregistered agent acting for many unrelated people; family members count once. */
function plantR16(sim: Sim, rng: Rng): void {
  const head = quiet(sim);
  const kin = [0, 1].map(() => quiet(sim, { household: head.household, address: head.address, surname: surnameOf(head.name) }));
  const forKin = kin.map((k) => (_s: Sim, r: Rng) => proxyParties(r, k, head, null, null));
  const forStranger = () => (s: Sim, r: Rng) => proxyParties(r, fresh(s), head, null, null);
  sequence(sim, rng, 'R16', 25, [...forKin, forStranger(), forStranger(), forStranger(), forStranger(), forStranger()], undefined,
    [undefined, undefined, undefined, undefined, 'R16 family rule: 5 distinct applicants, but two share the agent\'s surname and address, so 4 count']);
  // An agent quoting a registered broker's code without being on its clerk list is not a registered clerk.
  const broker = sim.world.orgs.find((o) => o.kind === 'USED_CAR_BROKER') as SimOrg;
  const pretender = quiet(sim);
  const asClerk = () => (s: Sim, r: Rng) => ({ ...proxyParties(r, fresh(s), pretender, null, null), agent: agentOf(r, pretender, broker.orgCode) });
  sequence(sim, rng, 'R16', 25, Array.from({ length: 6 }, asClerk), 'TRANSFER');
  const plain = quiet(sim);
  sequence(sim, rng, 'R16', 25, Array.from({ length: 5 }, () => (s: Sim, r: Rng) => proxyParties(r, fresh(s), plain, null, null)));
}

function plantR18(sim: Sim, rng: Rng): void {
  const broker = sim.world.orgs.find((o) => o.kind === 'USED_CAR_BROKER') as SimOrg;
  const makers: ((s: Sim, r: Rng) => Parties)[] = [
    (s, r) => { const pair = s.people.familyPair(); return pair ? proxyParties(r, pair.applicant, pair.agent, null, 'FAMILY') : proxyParties(r, fresh(s), quiet(s), null, null); },
    (s, r) => proxyParties(r, fresh(s), r.pick(broker.clerks), broker, 'USED_CAR_BROKER'),
    (s, r) => proxyParties(r, fresh(s), quiet(s), null, null),
    (s, r) => proxyParties(r, fresh(s), quiet(s), null, null),
  ];
  for (const make of makers) {
    const station = stationOf(sim, rng.pick([DMV, ...BRANCHES]));
    const days = sequenceDays(sim, rng, station, 1, sim.options.days);
    const time = momentsOn(sim, rng, station, days)[0];
    if (time === undefined) continue;
    plant(sim, time, (s, r) => ({ station, time, channel: 'COUNTER', appointment: null, parties: make(s, r) }), (tx) => {
      tx.materials = tx.materials.filter((m) => m.kind !== 'POWER_OF_ATTORNEY');
    }, { point: 'R18' });
  }
}

/** R19: a registered broker clerk who always goes to the same officer; the 8th case on fires. */
function plantR19(sim: Sim, rng: Rng): void {
  const brokers = sim.world.orgs.filter((o) => o.kind === 'USED_CAR_BROKER');
  for (let k = 0; k < 2; k++) {
    const org = brokers[k % brokers.length] as SimOrg;
    const clerk = quiet(sim);
    org.clerks.push(clerk);
    sim.reservedPeople.add(clerk.idNumber);
    const officer = claimHandler(sim, rng, DMV, 'OFFICER');
    const dmv = stationOf(sim, DMV);
    const times = momentsOn(sim, rng, dmv, sequenceDays(sim, rng, dmv, 9, 60));
    for (const time of times) {
      plant(sim, time, (s, r) => ({
        station: dmv, time, type: 'TRANSFER', channel: 'COUNTER', appointment: null, handler: officer,
        parties: proxyParties(r, fresh(s), clerk, org, null),
      }), null, { point: 'R19' });
    }
  }
}

/** R20: one booker phone and account fetching slots for five different people within a week. */
function plantR20(sim: Sim, rng: Rng): void {
  for (let k = 0; k < 2; k++) {
    const booker = quiet(sim);
    const station = stationOf(sim, rng.pick([DMV, ...BRANCHES.slice(0, 2)]));
    const times = momentsOn(sim, rng, station, sequenceDays(sim, rng, station, 5, 5));
    for (const time of times) {
      plant(sim, time, (s, r) => {
        const bookedAt = time - r.int(1, 2) * DAY - r.int(0, 600) * MINUTE;
        return {
          station, time, channel: 'COUNTER', parties: selfParties(r, fresh(s)),
          appointment: { id: s.nextAppointmentId(bookedAt), bookedAt: formatLocal(bookedAt), bookerPhone: booker.phone, bookerAccount: booker.account },
        };
      }, null, { point: 'R20' });
    }
  }
}

/** R22: premium-numbered cars registered, then transferred twice within 180 days. */
function plantR22(sim: Sim, rng: Rng): void {
  const plates: [string, boolean][] = [['浙A66666', false], ['浙AD23456', true]];
  for (const [plate, newEnergy] of plates) {
    if (!sim.people.registry.claim(plate)) continue;
    const vehicle = makeVehicle(rng, sim.people.registry, { year: 2025, newEnergy, plate });
    const dmv = stationOf(sim, DMV);
    const times = momentsOn(sim, rng, dmv, sequenceDays(sim, rng, dmv, 3, Math.max(2, sim.options.days)));
    times.forEach((time, i) => plant(sim, time, (s, r) => ({
      station: dmv, time, channel: 'COUNTER', type: i === 0 ? 'REG_NEW' : 'TRANSFER', vehicle, parties: selfParties(r, fresh(s)),
    }), null, i === 0 ? { allowed: [] } : { point: 'R22' }));
  }
}

export const PROXY_PLANTS = [plantR16, plantR18, plantR19, plantR20, plantR22];
