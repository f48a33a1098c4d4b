/** Planted anomalies of the handler group, R01–R08 (risk-points.md section A). */
import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '../domain/business-types.ts';
import { randomOpenTime } from './clean.ts';
import { buildMaterials } from './materials.ts';
import { proxyParties, selfParties } from './parties.ts';
import { BRANCHES, DMV, claimHandler, isWeekday, momentsOn, openDays, plant, someMoment, stationOf } from './plant-kit.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import { distanceKm } from './stations.ts';
import { HOUR, MINUTE } from './time.ts';
import type { SimTransaction } from './types.ts';
import { usedVehicle } from './vehicles.ts';
import { addHandler } from './world.ts';

function plantR01(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const retired = addHandler(sim.world, {
    person: sim.people.person({ onDate: sim.options.start, minAge: 50, maxAge: 60, quiet: true }), role: 'OFFICER',
    stations: [DMV], permissions: [...BUSINESS_TYPE_CODES], active: false, home: DMV,
  });
  const aux = claimHandler(sim, rng, DMV, 'AUXILIARY');
  const visitor = claimHandler(sim, rng, '330106-BRANCH-01', 'OFFICER');
  const dealerClerk = claimHandler(sim, rng, '330100-DEALER-01', 'PARTNER_CLERK');
  const t1 = someMoment(sim, rng, dmv);
  if (t1 !== null) plant(sim, t1, () => ({ station: dmv, time: t1, handler: retired }), null, { point: 'R01' });
  const t2 = someMoment(sim, rng, dmv);
  if (t2 !== null) plant(sim, t2, () => ({ station: dmv, time: t2, handler: aux, type: 'TRANSFER_OUT' }), null, { point: 'R01' });
  const t3 = someMoment(sim, rng, dmv);
  if (t3 !== null) {
    // Kept off every other desk that day, so only R01 (not R04) can fire.
    sim.reserve(visitor.id, sim.dayOf(t3));
    plant(sim, t3, () => ({ station: dmv, time: t3, handler: visitor, type: 'TRANSFER' }), null, { point: 'R01' });
  }
  const dealer = stationOf(sim, '330100-DEALER-01');
  const t4 = someMoment(sim, rng, dealer);
  if (t4 !== null) plant(sim, t4, () => ({ station: dealer, time: t4, handler: dealerClerk, type: 'TRANSFER' }), null, { point: 'R01' });
}

function plantR02(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const weekdays = openDays(sim, dmv).filter((d) => isWeekday(sim, d));
  const evening = (d: number) => sim.midnight(d) + 18 * HOUR + 40 * MINUTE + rng.int(0, 2400) * 1000;
  const closing = (d: number) => sim.midnight(d) + 17 * HOUR + 30 * MINUTE;
  const moments: [string, number][] = [];
  if (weekdays.length > 0) moments.push([DMV, evening(rng.pick(weekdays))], [DMV, closing(rng.pick(weekdays))]);
  const binjiang = stationOf(sim, '330108-BRANCH-01');
  const closed = Array.from({ length: sim.options.days }, (_, d) => d).filter((d) => !openDays(sim, binjiang, d, d).length);
  if (closed.length > 0) moments.push([binjiang.code, sim.midnight(rng.pick(closed)) + 10 * HOUR + rng.int(0, 3600) * 1000]);
  const postal = stationOf(sim, '330100-POSTAL-02');
  const postalDays = openDays(sim, postal);
  if (postalDays.length > 0) moments.push([postal.code, sim.midnight(rng.pick(postalDays)) + 7 * HOUR + 45 * MINUTE]);
  for (const [code, time] of moments) {
    const station = stationOf(sim, code);
    const channel = station.channel;
    plant(sim, time, () => ({ station, time, channel }), null, { point: 'R02' });
  }
}

function plantR03(sim: Sim, rng: Rng): void {
  const foreign = ['WS-330109-BRANCH-01-02', 'WS-PRIVATE-LAPTOP-7', 'WS-330100-DEALER-03-01', 'WS-330110-BRANCH-01-01'];
  for (const ws of foreign) {
    const station = stationOf(sim, rng.pick([DMV, '330106-BRANCH-01']));
    const time = someMoment(sim, rng, station);
    if (time === null) continue;
    plant(sim, time, () => ({ station, time, channel: 'COUNTER' }), (tx) => { tx.workstationId = ws; }, { point: 'R03' });
  }
}

/** R04: an officer rostered at the DMV and at a branch over 5 km away, at both within 30 minutes. */
function plantR04(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  for (const code of ['330109-BRANCH-01', '330110-BRANCH-01']) {
    const branch = stationOf(sim, code);
    if (distanceKm(dmv, branch) <= 5) throw new Error('R04 plant needs a distant branch');
    const officer = claimHandler(sim, rng, DMV, 'OFFICER');
    officer.stations.push(code);
    const days = openDays(sim, branch).filter((d) => isWeekday(sim, d) && openDays(sim, dmv, d, d).length > 0);
    for (const day of days.length > 0 ? rng.shuffle(days).slice(0, 2) : []) {
      const first = randomOpenTime(rng, dmv, sim.midnight(day), [10, 14]);
      if (first === null) continue;
      const second = first + rng.int(8, 25) * MINUTE;
      plant(sim, first, () => ({ station: dmv, time: first, handler: officer }), null, { allowed: [] });
      plant(sim, second, () => ({ station: branch, time: second, handler: officer }), null, { point: 'R04' });
    }
  }
}

function plantR05(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const [h1, h2, h3] = [0, 1, 2].map(() => claimHandler(sim, rng, DMV, 'OFFICER'));
  if (!h1 || !h2 || !h3) return;
  const [t1, t2, t3, t4] = [0, 1, 2, 3].map(() => someMoment(sim, rng, dmv));
  const approverAsAgent = { idNumber: h3.person.idNumber, name: h3.person.name, phone: h3.person.phone, address: h3.person.address, identityCheck: 'PASSED' as const, orgCode: null };
  // The handler's own transfer; a relative giving the handler's phone; the approver as agent; the handler's phone on the agent.
  if (t1 != null) plant(sim, t1, (_s, r) => ({ station: dmv, time: t1, handler: h1, type: 'TRANSFER', parties: selfParties(r, h1.person), appointment: null }), null, { point: 'R05' });
  if (t2 != null) plant(sim, t2, (s, r) => ({ station: dmv, time: t2, handler: h2, type: 'DL_RENEW', channel: 'COUNTER', appointment: null, parties: selfParties(r, s.people.freshApplicant(sim.options.start)) }), (tx) => {
    tx.applicant.phone = h2.person.phone;
  }, { point: 'R05' });
  if (t3 != null) plant(sim, t3, (s, r) => ({
    station: dmv, time: t3, handler: h2, approver: h3, type: 'DEREGISTER',
    parties: { ...selfParties(r, s.people.freshApplicant(sim.options.start)), agent: approverAsAgent },
  }), null, { point: 'R05' });
  if (t4 != null) plant(sim, t4, (s, r) => {
    const pair = s.people.familyPair();
    const parties = pair ? proxyParties(r, pair.applicant, pair.agent, null, 'FAMILY') : selfParties(r, s.people.freshApplicant(sim.options.start));
    return { station: dmv, time: t4, handler: h1, type: 'CHANGE', channel: 'COUNTER', appointment: null, parties };
  }, (tx) => {
    if (tx.agent) tx.agent.phone = h1.person.phone;
    else tx.applicant.phone = h1.person.phone;
  }, { point: 'R05' });
}

function plantR06(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const keyTypes: BusinessTypeCode[] = ['TRANSFER_OUT', 'DEREGISTER', 'CERT_REPLACE', 'DL_REPLACE'];
  keyTypes.forEach((type, i) => {
    const time = someMoment(sim, rng, dmv);
    if (time === null) return;
    const self = i % 2 === 1 ? claimHandler(sim, rng, DMV, 'OFFICER') : null;
    plant(sim, time, () => ({ station: dmv, time, type, approver: self, ...(self ? { handler: self } : {}) }), null, { point: 'R06' });
  });
}

/** R07: one auxiliary takes 64 cases in a day; the 60th and later fire. */
function plantR07(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const days = openDays(sim, dmv).filter((d) => isWeekday(sim, d));
  if (days.length === 0) return;
  const day = rng.pick(days);
  const aux = claimHandler(sim, rng, DMV, 'AUXILIARY', true);
  sim.reserve(aux.id, day);
  const moments = momentsOn(sim, rng, dmv, Array.from({ length: 64 }, () => day));
  for (const time of moments) {
    plant(sim, time, (_s, r) => ({ station: dmv, time, handler: aux, type: r.pick(aux.permissions), channel: 'COUNTER' }), null, { point: 'R07' });
  }
}

/** R08: a completed case is revised the next days with another applicant, plate or VIN. */
function plantR08(sim: Sim, rng: Rng): void {
  const changes = ['applicant', 'applicant', 'plate', 'vin'] as const;
  for (const change of changes) {
    const station = stationOf(sim, rng.pick([DMV, ...BRANCHES]));
    const days = sim.options.days > 1 ? openDays(sim, station, 0, sim.options.days - 2) : openDays(sim, station);
    if (days.length === 0) continue;
    const time = momentsOn(sim, rng, station, [rng.pick(days)], [9, 12])[0];
    if (time === undefined) continue;
    const type: BusinessTypeCode = change === 'applicant' ? 'MORTGAGE' : 'INSPECTION_LABEL';
    plant(sim, time, (s, r) => ({
      station, time, type, status: 'COMPLETED', appointment: null, channel: 'COUNTER',
      parties: selfParties(r, s.people.freshApplicant(sim.options.start)),
    }), null, {
      allowed: [],
      onCommit: (s, v1) => scheduleRevision(s, v1, change, time),
    });
  }
}

function scheduleRevision(sim: Sim, v1: SimTransaction, change: 'applicant' | 'plate' | 'vin', accepted: number): void {
  // Next day when the run allows, else three hours later: either way a later line of the file.
  const later = accepted + (sim.dayOf(accepted) < sim.options.days - 1 ? 24 * HOUR : 3 * HOUR);
  sim.schedule({
    time: later, role: 'revision', point: 'R08',
    build: (s, rng) => {
      const v2: SimTransaction = structuredClone(v1);
      v2.version = 2;
      if (change === 'applicant') v2.applicant = selfParties(rng, s.people.freshApplicant(v1.acceptedAt.slice(0, 10))).applicant;
      if (change !== 'applicant' && v2.vehicle) {
        const other = usedVehicle(rng, s.people.registry, 2026);
        if (change === 'plate') v2.vehicle.plate = other.plate;
        else v2.vehicle.vin = other.vin;
      }
      // New parties or vehicle mean newly submitted documents.
      v2.materials = buildMaterials(rng, s.seed, v2, 'v2');
      return v2;
    },
  });
}

export const HANDLER_PLANTS = [plantR01, plantR02, plantR03, plantR04, plantR05, plantR06, plantR07, plantR08];
