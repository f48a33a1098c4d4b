/** Planted anomalies of the applicant group, R09–R15, and R17 (blacklisted intermediary). */
import { idNumberCheckChar } from '../domain/check-digits.ts';
import type { IdentityCheck } from '../domain/codes.ts';
import { birthForAge, makeIdNumber, makeMobile } from './identity.ts';
import { type Parties, agentOf, proxyParties, selfParties } from './parties.ts';
import { BRANCHES, DMV, momentsOn, plant, sequenceDays, someMoment, stationOf } from './plant-kit.ts';
import type { Person, PersonOptions } from './population.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import type { SimStation } from './stations.ts';
import { localDate } from './time.ts';
import type { BusinessTypeCode } from '../domain/business-types.ts';

function counter(sim: Sim, rng: Rng): SimStation {
  return stationOf(sim, rng.pick([DMV, ...BRANCHES.slice(0, 2)]));
}

function quietPerson(sim: Sim, extra: Partial<PersonOptions> = {}): Person {
  return sim.people.person({ onDate: sim.options.start, quiet: true, ...extra });
}

function fresh(sim: Sim): Person {
  return sim.people.freshApplicant(sim.options.start);
}

/** Schedules one counter transaction on a random open day with the given parties. */
function once(sim: Sim, rng: Rng, point: string, parties: (s: Sim, r: Rng) => Parties, extra: { type?: BusinessTypeCode } = {}): void {
  const station = counter(sim, rng);
  const time = someMoment(sim, rng, station);
  if (time === null) return;
  plant(sim, time, (s, r) => ({
    station, time, channel: 'COUNTER', appointment: null, parties: parties(s, r),
    ...(extra.type ? { type: extra.type } : {}),
  }), null, { point });
}

function plantR09(sim: Sim, rng: Rng): void {
  const reg = sim.people.registry;
  const valid = makeIdNumber(rng, reg, '330106', '19880412', true);
  const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const body = (region: string, birth: string) => `${region}${birth}${String(rng.int(100, 998))}`;
  const feb30 = body('330105', '19900230');
  const province99 = body('990102', '19850610');
  const ids = [wrongCheck, feb30 + idNumberCheckChar(feb30), province99 + idNumberCheckChar(province99)];
  for (const idNumber of ids) once(sim, rng, 'R09', (_s, r) => selfParties(r, quietPerson(sim, { idNumber })));
  const badAgent = makeIdNumber(rng, reg, '330102', '19791103', false);
  const agent = quietPerson(sim, { idNumber: `${badAgent.slice(0, 17)}${badAgent[17] === 'X' ? '1' : 'X'}` });
  once(sim, rng, 'R09', (s, r) => proxyParties(r, fresh(s), agent, null, null));
}

function plantR10(sim: Sim, rng: Rng): void {
  const checks: [IdentityCheck, boolean][] = [['FAILED', false], ['NOT_DONE', false], ['NOT_DONE', true], ['FAILED', true]];
  for (const [check, viaAgent] of checks) {
    const station = viaAgent && check === 'NOT_DONE' ? stationOf(sim, '330100-POSTAL-01') : counter(sim, rng);
    const time = someMoment(sim, rng, station);
    if (time === null) continue;
    plant(sim, time, (s, r) => ({
      station, time, channel: station.channel, appointment: null,
      parties: viaAgent ? proxyParties(r, fresh(s), quietPerson(s), null, null) : selfParties(r, fresh(s)),
    }), (tx) => {
      if (tx.agent) tx.agent.identityCheck = check;
      else tx.applicant.identityCheck = check;
    }, { point: 'R10' });
  }
}

function plantR11(sim: Sim, rng: Rng): void {
  const reasons = ['DECEASED', '在逃人员 WANTED', '驾驶证已吊销 LICENCE_REVOKED', 'DECEASED', '涉嫌骗领证照 FRAUD'];
  const people = reasons.map(() => quietPerson(sim, { minAge: 30, maxAge: 80 }));
  people.forEach((p, i) => sim.world.watchlist.push({ idNumber: p.idNumber, phone: null, reason: reasons[i] ?? '' }));
  const [a, b, c, d] = people;
  if (!a || !b || !c || !d) return;
  once(sim, rng, 'R11', (_s, r) => selfParties(r, a), { type: 'DL_RENEW' });
  once(sim, rng, 'R11', (_s, r) => selfParties(r, b), { type: 'TRANSFER' });
  once(sim, rng, 'R11', (_s, r) => selfParties(r, c), { type: 'CERT_REPLACE' });
  once(sim, rng, 'R11', (s, r) => proxyParties(r, fresh(s), d, null, null), { type: 'MORTGAGE' });
}

function plantR12(sim: Sim, rng: Rng): void {
  const cases: [BusinessTypeCode, number | 'birthday101'][] = [['DL_APPLY', 17], ['DL_APPLY', 17], ['TRANSFER', 102], ['DL_RENEW', 'birthday101']];
  for (const [type, age] of cases) {
    const station = counter(sim, rng);
    const time = someMoment(sim, rng, station);
    if (time === null) continue;
    const date = localDate(time);
    // Exactly 101 today counts: ages are completed years on the acceptance date.
    const birth = age === 'birthday101' ? `${Number(date.slice(0, 4)) - 101}${date.slice(5, 7)}${date.slice(8, 10)}` : birthForAge(rng, date, age, age);
    if (birth.endsWith('0229')) continue;
    const person = quietPerson(sim, { birth, onDate: date });
    plant(sim, time, (_s, r) => ({ station, time, type, channel: 'COUNTER', appointment: null, parties: selfParties(r, person) }), null, { point: 'R12' });
  }
}

/** R13: one person registers or takes over 6–7 vehicles within a month; the 5th on fire. */
function plantR13(sim: Sim, rng: Rng): void {
  for (const count of [6, 7]) {
    const person = quietPerson(sim);
    const station = counter(sim, rng);
    const times = momentsOn(sim, rng, station, sequenceDays(sim, rng, station, count, 25));
    times.forEach((time, i) => plant(sim, time, (_s, r) => ({
      station, time, type: i % 3 === 1 ? 'REG_NEW' : 'TRANSFER', channel: 'COUNTER', parties: selfParties(r, person),
    }), null, { point: 'R13' }));
  }
}

/** R14: unrelated applicants giving one phone number; the 3rd on fire. */
function plantR14(sim: Sim, rng: Rng): void {
  for (const count of [4, 5]) {
    const phone = makeMobile(rng, sim.people.registry);
    const station = counter(sim, rng);
    const times = momentsOn(sim, rng, station, sequenceDays(sim, rng, station, count, 60));
    for (const time of times) {
      plant(sim, time, (s, r) => ({ station, time, channel: 'COUNTER', appointment: null, parties: selfParties(r, fresh(s)) }), (tx) => {
        tx.applicant.phone = phone;
      }, { point: 'R14' });
    }
  }
}

/** R15: seven unrelated people registered at one flat, four surnames; the 6th on fire. */
function plantR15(sim: Sim, rng: Rng): void {
  const surnames = ['王', '李', '张', '陈'];
  for (let k = 0; k < 2; k++) {
    const address = sim.people.newAddress();
    const people = Array.from({ length: 7 }, (_, i) => quietPerson(sim, { address, surname: surnames[i % 4] ?? '王' }));
    const station = counter(sim, rng);
    const times = momentsOn(sim, rng, station, sequenceDays(sim, rng, station, 7, 80));
    times.forEach((time, i) => plant(sim, time, (_s, r) => ({
      station, time, channel: 'COUNTER', appointment: null, parties: selfParties(r, people[i] as Person),
    }), null, { point: 'R15' }));
  }
}

function plantR17(sim: Sim, rng: Rng): void {
  const [a, b, c] = [0, 1, 2].map(() => quietPerson(sim, { minAge: 28, maxAge: 50 }));
  if (!a || !b || !c) return;
  const phone = makeMobile(rng, sim.people.registry);
  sim.world.blacklist.push(
    { idNumber: a.idNumber, phone: null, reason: '2025年查处 倒卖号源' },
    { idNumber: b.idNumber, phone: null, reason: '2025年查处 违规代办' },
    { idNumber: null, phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, reason: '举报核实 黄牛电话' },
    { idNumber: c.idNumber, phone: c.phone, reason: '2024年查处' },
  );
  once(sim, rng, 'R17', (s, r) => proxyParties(r, fresh(s), a, null, null), { type: 'TRANSFER' });
  once(sim, rng, 'R17', (_s, r) => selfParties(r, b), { type: 'INSPECTION_LABEL' });
  once(sim, rng, 'R17', (s, r) => {
    const p = selfParties(r, fresh(s));
    return { ...p, applicant: { ...p.applicant, phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` } };
  }, { type: 'DL_RENEW' });
  once(sim, rng, 'R17', (s, r) => {
    const p = proxyParties(r, fresh(s), quietPerson(s), null, null);
    return { ...p, agent: { ...agentOf(r, quietPerson(s), null), phone } };
  }, { type: 'MORTGAGE' });
}

export const APPLICANT_PLANTS = [plantR09, plantR10, plantR11, plantR12, plantR13, plantR14, plantR15, plantR17];
