/**
 * Clean transactions placed exactly on a rule's boundary. None of them may fire anything;
 * each is listed in truth.edgeCases with the reason it is interesting.
 */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import { businessType } from '../domain/business-types.ts';
import { idNumberCheckChar } from '../domain/check-digits.ts';
import { proxyParties, selfParties } from './parties.ts';
import { DMV, claimHandler, isWeekday, momentsOn, openDays, plant, sequenceDays, stationOf } from './plant-kit.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import { HOUR, MINUTE, localDate } from './time.ts';
import { makeVehicle } from './vehicles.ts';

function weekdayMoment(sim: Sim, rng: Rng, from: number, to: number): number | null {
  const dmv = stationOf(sim, DMV);
  const days = openDays(sim, dmv).filter((d) => isWeekday(sim, d));
  if (days.length === 0) return null;
  return sim.midnight(rng.pick(days)) + from * HOUR + rng.int(0, Math.max(0, (to - from) * 60 - 1)) * MINUTE;
}

function edge(sim: Sim, time: number | null, note: string, spec: Parameters<typeof plant>[2], mutate: Parameters<typeof plant>[3] = null): void {
  if (time !== null) plant(sim, time, spec, mutate, { role: 'edge', allowed: [], note });
}

function personEdges(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const opening = weekdayMoment(sim, rng, 8, 9);
  const t0 = opening === null ? null : opening - (opening - sim.midnight(sim.dayOf(opening))) + 8 * HOUR + 30 * MINUTE;
  edge(sim, t0, 'R02 boundary: accepted at 08:30:00, the opening minute ([start, end) includes it)', () => ({ station: dmv, time: t0 ?? 0, channel: 'COUNTER' }));
  for (const [type, age, note] of [
    ['DL_APPLY', 18, 'R12 boundary: first licence on the applicant\'s 18th birthday'],
    ['TRANSFER', 100, 'R12 boundary: applicant turns 100 today (fires only from 101)'],
  ] as const) {
    const time = weekdayMoment(sim, rng, 9, 16);
    if (time === null) continue;
    const date = localDate(time);
    if (date.endsWith('02-29')) continue;
    const person = sim.people.person({ onDate: date, quiet: true, birth: `${Number(date.slice(0, 4)) - age}${date.slice(5, 7)}${date.slice(8, 10)}` });
    edge(sim, time, note, (_s, r) => ({ station: dmv, time, type: type as BusinessTypeCode, channel: 'COUNTER', parties: selfParties(r, person) }));
  }
  const tx = weekdayMoment(sim, rng, 9, 16);
  let idNumber = '';
  while (idNumber === '') {
    const body = `330106198${rng.int(0, 9)}0${rng.int(1, 9)}1${rng.int(0, 8)}${String(rng.int(100, 999))}`;
    if (idNumberCheckChar(body) === 'X' && sim.people.registry.claim(`${body}X`)) idNumber = `${body}x`;
  }
  const lower = sim.people.person({ onDate: sim.options.start, quiet: true, idNumber });
  edge(sim, tx, 'R09 boundary: ID number with a lower-case x check character (read as X, valid)', (_s, r) => ({ station: dmv, time: tx ?? 0, type: 'DL_RENEW', channel: 'COUNTER', parties: selfParties(r, lower) }));
}

function documentEdges(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const t1 = weekdayMoment(sim, rng, 9, 16);
  edge(sim, t1, 'R26 boundary: ID card valid until the acceptance date itself', () => ({ station: dmv, time: t1 ?? 0, type: 'CERT_REPLACE', channel: 'COUNTER' }), (tx) => {
    const card = tx.materials.find((m) => m.kind === 'ID_CARD');
    if (card) card.validUntil = tx.acceptedAt.slice(0, 10);
  });
  const t2 = weekdayMoment(sim, rng, 9, 16);
  const min = businessType('TRANSFER').minMinutes;
  edge(sim, t2, 'R39 boundary: completed exactly at the minimum 10 minutes', () => ({ station: dmv, time: t2 ?? 0, type: 'TRANSFER', status: 'COMPLETED', minutes: min }), (tx) => {
    tx.completedAt = tx.completedAt === null ? null : `${tx.completedAt.slice(0, 17)}${tx.acceptedAt.slice(17, 19)}+08:00`;
  });
}

/** Near-miss plates (3 equal, 4 ascending) transferred soon after registration: not premium. */
function plateEdges(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  for (const plate of ['浙A1112B', '浙A2345F']) {
    if (!sim.people.registry.claim(plate)) continue;
    const vehicle = makeVehicle(rng, sim.people.registry, { year: 2025, newEnergy: false, plate });
    const times = momentsOn(sim, rng, dmv, sequenceDays(sim, rng, dmv, 2, Math.max(2, sim.options.days)));
    times.forEach((time, i) => edge(sim, time, i === 0 ? 'registration of a near-premium plate' : 'R22 boundary: near-premium plate transferred within 180 days',
      (s, r) => ({ station: dmv, time, type: i === 0 ? 'REG_NEW' : 'TRANSFER', vehicle, parties: selfParties(r, s.people.freshApplicant(s.options.start)) })));
  }
}

/** An officer at two stations 2.7 km apart within 15 minutes: R04 needs more than 5 km. */
function nearHopEdge(sim: Sim, rng: Rng): void {
  const dmv = stationOf(sim, DMV);
  const postal = stationOf(sim, '330100-POSTAL-02');
  const officer = claimHandler(sim, rng, DMV, 'OFFICER');
  officer.stations.push(postal.code);
  const first = weekdayMoment(sim, rng, 10, 14);
  if (first === null) return;
  const second = first + 15 * MINUTE;
  edge(sim, first, 'first desk of a short hop', () => ({ station: dmv, time: first, handler: officer }));
  edge(sim, second, 'R04 boundary: same officer at a station 2.7 km away 15 minutes later', () => ({ station: postal, time: second, handler: officer }));
}

/** A dealer clerk writing the dealer's landline as every buyer's phone: R14 exempts it. */
function dealerPhoneEdge(sim: Sim, rng: Rng): void {
  const dealer = stationOf(sim, '330100-DEALER-01');
  const org = sim.world.orgs.find((o) => o.stations.includes(dealer.code));
  if (!org) return;
  const times = momentsOn(sim, rng, dealer, sequenceDays(sim, rng, dealer, 4, 20));
  times.forEach((time, i) => edge(sim, time, i >= 2 ? 'R14 boundary: one landline for several buyers, but it is a registered dealer\'s' : 'dealer landline on a buyer\'s record',
    (s, r) => ({ station: dealer, time, type: 'REG_NEW', parties: proxyParties(r, s.people.freshApplicant(s.options.start), r.pick(org.clerks), org, 'DEALER') }),
    (tx) => { tx.applicant.phone = org.phones[0] ?? tx.applicant.phone; }));
}

export const EDGE_PLANTS = [personEdges, documentEdges, plateEdges, nearHopEdge, dealerPhoneEdge];
