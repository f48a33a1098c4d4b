/** Planted anomalies of materials and process: R23–R27, R32, R39, R40, and legitimate 容缺 cases. */
import { businessType, type BusinessTypeCode } from '../domain/business-types.ts';
import { buildDraft, randomOpenTime } from './clean.ts';
import { buildMaterials } from './materials.ts';
import { selfParties } from './parties.ts';
import { BRANCHES, DMV, type Mutation, openDays, plant, someMoment, stationOf } from './plant-kit.ts';
import type { Rng } from './prng.ts';
import type { Sim, Slot } from './sim.ts';
import type { SimStation } from './stations.ts';
import { DAY, addDays, formatLocal, localDate } from './time.ts';
import type { SimTransaction } from './types.ts';
import { usedVehicle } from './vehicles.ts';

const VEHICLE_TYPES: BusinessTypeCode[] = ['TRANSFER', 'REG_NEW', 'MORTGAGE', 'CHANGE', 'INSPECTION_LABEL'];

function station(sim: Sim, rng: Rng): SimStation {
  return stationOf(sim, rng.pick([DMV, ...BRANCHES]));
}

/** Four single transactions of the given types, each changed by `mutate`. */
function four(sim: Sim, rng: Rng, point: string, types: readonly BusinessTypeCode[], mutate: Mutation, from = 0): void {
  for (const type of types) {
    const st = station(sim, rng);
    const time = someMoment(sim, rng, st, from, sim.options.days - 1, [11, 17]) ?? someMoment(sim, rng, st);
    if (time === null) continue;
    plant(sim, time, (s, r) => ({ station: st, time, type, channel: 'COUNTER', parties: selfParties(r, s.people.freshApplicant(sim.options.start)) }), mutate, { point });
  }
}

function dropOne(tx: SimTransaction, rng: Rng): string {
  const kinds = businessType(tx.type).requiredMaterials.filter((k) => k !== 'ID_CARD');
  const gone = rng.pick(kinds.length > 0 ? kinds : businessType(tx.type).requiredMaterials);
  tx.materials = tx.materials.filter((m) => m.kind !== gone);
  return gone;
}

const plantR23 = (sim: Sim, rng: Rng) => four(sim, rng, 'R23', ['TRANSFER', 'REG_NEW', 'MORTGAGE', 'DL_APPLY'], (tx, _s, r) => { dropOne(tx, r); });

/** R24: the insurance policy or ID scan of an earlier, different applicant appears again. */
const plantR24 = (sim: Sim, rng: Rng) => four(sim, rng, 'R24', ['TRANSFER', 'REG_NEW', 'INSPECTION_LABEL', 'MORTGAGE'], (tx, s, r) => {
  const own = tx.applicant.idNumber ?? tx.applicant.orgCode;
  const kinds = new Set(tx.materials.map((m) => m.kind as string));
  const candidates = s.recentDocs.filter((d) => d.applicant !== own && kinds.has(d.kind));
  const doc = candidates.length > 0 ? r.pick(candidates) : null;
  const target = tx.materials.find((m) => m.kind === doc?.kind) ?? tx.materials[0];
  if (doc && target) target.sha256 = doc.sha256;
}, Math.min(1, sim.options.days - 1));

const plantR26 = (sim: Sim, rng: Rng) => four(sim, rng, 'R26', ['TRANSFER', 'DL_RENEW', 'INSPECTION_LABEL', 'DL_REPLACE'], (tx, _s, r) => {
  const dated = tx.materials.filter((m) => m.validUntil !== null && m.kind !== 'POWER_OF_ATTORNEY');
  const doc = dated.length > 0 ? r.pick(dated) : null;
  if (doc) doc.validUntil = addDays(localDate(Date.parse(tx.acceptedAt)), -r.int(1, 400));
});

const plantR27 = (sim: Sim, rng: Rng) => four(sim, rng, 'R27', ['TRANSFER', 'MORTGAGE', 'CHANGE', 'REG_NEW'], (tx, s, r) => {
  if (r.chance(0.5)) {
    const card = tx.materials.find((m) => m.kind === 'ID_CARD');
    if (card) card.subjectIdNumber = s.people.person({ onDate: s.options.start, quiet: true }).idNumber;
    return;
  }
  const doc = tx.materials.find((m) => m.subjectVin !== null);
  if (doc) doc.subjectVin = usedVehicle(r, s.people.registry, 2026).vin;
});

/** R32: typing errors in the VIN, on the vehicle and its documents alike (so R27 stays quiet). */
const plantR32 = (sim: Sim, rng: Rng) => {
  const breakers: ((vin: string) => string)[] = [
    (vin) => vin.slice(0, 8) + (vin[8] === '7' ? '3' : '7') + vin.slice(9),
    (vin) => vin.slice(0, 8) + (vin[8] === 'X' ? '0' : 'X') + vin.slice(9),
    (vin) => vin.slice(0, 4) + 'I' + vin.slice(5),
    (vin) => vin.slice(0, 16),
  ];
  const types: BusinessTypeCode[] = ['TRANSFER', 'MORTGAGE', 'INSPECTION_LABEL', 'CHANGE'];
  let i = 0;
  four(sim, rng, 'R32', types, (tx) => {
    const breaker = breakers[i++ % breakers.length];
    if (!tx.vehicle?.vin || !breaker) return;
    const bad = breaker(tx.vehicle.vin);
    for (const m of tx.materials) if (m.subjectVin !== null) m.subjectVin = bad;
    tx.vehicle.vin = bad;
  });
};

const plantR40 = (sim: Sim, rng: Rng) => four(sim, rng, 'R40', ['TRANSFER', 'REG_NEW', 'DL_APPLY', 'MORTGAGE'], (tx) => { tx.flags.override = true; });

/** R39: completed two minutes short of the type's minimum. */
function plantR39(sim: Sim, rng: Rng): void {
  const types: BusinessTypeCode[] = ['REG_NEW', 'TRANSFER', 'CHANGE', 'MORTGAGE'];
  for (const type of types) {
    const st = station(sim, rng);
    const time = someMoment(sim, rng, st);
    if (time === null) continue;
    const minutes = businessType(type).minMinutes - 2;
    plant(sim, time, (s, r) => ({ station: st, time, type, status: 'COMPLETED', minutes, parties: selfParties(r, s.people.freshApplicant(sim.options.start)) }), null, { point: 'R39' });
  }
}

/** A 容缺 case: accepted with a material missing, due in `dueDays`. */
function toleranceDraft(sim: Sim, rng: Rng, st: SimStation, time: number, dueDays: number): SimTransaction {
  const type = rng.pick(VEHICLE_TYPES.slice(0, 3));
  const tx = buildDraft(sim, rng, { station: st, time, type, status: 'ACCEPTED', channel: 'COUNTER', appointment: null, parties: selfParties(rng, sim.people.freshApplicant(localDate(time))) });
  dropOne(tx, rng);
  tx.flags = { override: false, tolerance: true, toleranceDueAt: formatLocal(time + dueDays * DAY) };
  return tx;
}

/** R25: tolerance cases whose materials never arrive; due inside the run so the sweep sees them. */
function plantR25(sim: Sim, rng: Rng): void {
  const last = Math.max(0, Math.floor(sim.options.days / 3));
  for (let k = 0; k < 4; k++) {
    const st = station(sim, rng);
    const days = openDays(sim, st, 0, last);
    if (days.length === 0 || sim.options.days < 3) continue;
    const day = rng.pick(days);
    const time = someMoment(sim, rng, st, day, day, [9, 16]);
    if (time === null) continue;
    const dueDays = Math.max(1, Math.min(10, sim.options.days - day - 2));
    sim.schedule({
      time, role: 'plant', allowed: [], build: (s, r) => toleranceDraft(s, r, st, time, dueDays),
      onCommit: (s, tx) => {
        s.planted.set('R25', [...(s.planted.get('R25') ?? []), tx.id]);
        s.hits.set(tx.id, [...(s.hits.get(tx.id) ?? []), 'R25'].sort());
      },
    });
  }
}

/** A legitimate 容缺 case whose missing material arrives one to three days later (version 2). */
export function legitToleranceSlot(sim: Sim, st: SimStation, time: number): Slot {
  return {
    time, role: 'clean',
    build: (s, r) => toleranceDraft(s, r, st, time, 10),
    onCommit: (s, v1) => {
      // The missing document is brought in during opening hours one to three days later.
      const rng = s.rng.fork(`tolerance-${v1.id}`);
      const first = s.dayOf(time) + rng.int(1, 3);
      const later = openDays(s, st, first, first + 6).map((d) => randomOpenTime(rng, st, s.midnight(d))).find((t) => t !== null);
      if (later === undefined || later === null) return;
      s.schedule({
        time: later, role: 'revision',
        build: (s2, r2) => {
          const v2: SimTransaction = structuredClone(v1);
          v2.version = 2;
          v2.status = 'COMPLETED';
          v2.completedAt = formatLocal(later);
          const complete = buildMaterials(r2, s2.seed, v2, 'v1');
          v2.materials = [...v2.materials, ...complete.filter((m) => !v2.materials.some((x) => x.kind === m.kind))];
          return v2;
        },
      });
    },
  };
}

export const MATERIAL_PLANTS = [plantR23, plantR24, plantR25, plantR26, plantR27, plantR32, plantR39, plantR40];
