/**
 * Draws one clean transaction: a business type the station offers, the people involved, an
 * on-duty handler who is permitted and not overloaded, a separate approver for key business,
 * a desk of that station, complete and valid materials, and a completion no faster than the
 * business type allows. Planted anomalies start from this and change one thing.
 */
import { businessType, type BusinessTypeCode } from '../domain/business-types.ts';
import type { Channel, TransactionStatus } from '../domain/codes.ts';
import { NEV_WMIS } from './identity.ts';
import { buildMaterials } from './materials.ts';
import { type Parties, pickParties } from './parties.ts';
import type { Rng } from './prng.ts';
import type { Sim } from './sim.ts';
import type { SimStation } from './stations.ts';
import { DAY, HOUR, MINUTE, SECOND, formatLocal, localDate, openInterval } from './time.ts';
import type { SimTransaction, TxAppointment, TxVehicle } from './types.ts';
import { makeVehicle, usedVehicle, type Vehicle } from './vehicles.ts';
import { officersAt, type SimHandler } from './world.ts';

/** Everyday picks stay well under R07's 60 a day. */
export const HANDLER_SOFT_CAP = 45;

export interface DraftSpec {
  readonly station: SimStation;
  readonly time: number;
  readonly id?: string;
  readonly type?: BusinessTypeCode;
  readonly channel?: Channel;
  readonly parties?: Parties;
  readonly vehicle?: Vehicle | null;
  readonly handler?: SimHandler;
  readonly approver?: SimHandler | null;
  readonly appointment?: TxAppointment | null;
  readonly status?: TransactionStatus;
  /** Minutes from acceptance to completion (COMPLETED only). */
  readonly minutes?: number;
}

const SELF_SERVICE_RATE: Partial<Record<BusinessTypeCode, number>> = { INSPECTION_LABEL: 0.4, DL_RENEW: 0.3, EXAM_BOOK: 0.5 };

function channelFor(station: SimStation, type: BusinessTypeCode, rng: Rng): Channel {
  if (station.channel !== 'COUNTER') return station.channel;
  return rng.chance(SELF_SERVICE_RATE[type] ?? 0) ? 'SELF_SERVICE' : 'COUNTER';
}

const PERSON_ONLY = new Set<BusinessTypeCode>(['DL_APPLY', 'DL_RENEW', 'DL_REPLACE', 'DL_REINSTATE', 'EXAM_BOOK']);

export function vehicleFor(sim: Sim, rng: Rng, type: BusinessTypeCode, ms: number, parties: Parties): Vehicle | null {
  if (PERSON_ONLY.has(type)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (type !== 'REG_NEW') return usedVehicle(rng, sim.people.registry, year);
  const wmis = parties.org?.wmis.length ? parties.org.wmis : undefined;
  const newEnergy = wmis ? wmis.every((w) => NEV_WMIS.includes(w)) : undefined;
  return makeVehicle(rng, sim.people.registry, { year: rng.chance(0.7) ? year : year - 1, wmis, newEnergy, plate: rng.chance(0.9) });
}

export function pickHandler(sim: Sim, rng: Rng, station: SimStation, type: BusinessTypeCode, ms: number, agentId: string | null): SimHandler {
  const date = localDate(ms);
  const load = (h: SimHandler) => sim.oracle.handlerDayCount(h.id, date);
  const eligible = (sim.world.roster.get(station.code) ?? [])
    .filter((h) => h.permissions.includes(type) && !sim.isReserved(h.id, ms) && load(h) < HANDLER_SOFT_CAP);
  if (eligible.length === 0) throw new Error(`no handler free for ${type} at ${station.code} on ${date}`);
  if (agentId !== null) {
    // Spread a frequent agent over the desks so that no handler takes 60 % of them (R19).
    const counts = sim.oracle.agentHandlerCounts(agentId, ms);
    const least = Math.min(...eligible.map((h) => counts.get(h.id) ?? 0));
    return rng.pick(eligible.filter((h) => (counts.get(h.id) ?? 0) === least));
  }
  return rng.weighted(eligible.map((h) => [h, HANDLER_SOFT_CAP - load(h)] as const));
}

export function pickApprover(sim: Sim, rng: Rng, station: SimStation, handler: SimHandler, type: BusinessTypeCode): SimHandler | null {
  if (!businessType(type).key && !rng.chance(0.3)) return null;
  const local = officersAt(sim.world, station.code).filter((h) => h.id !== handler.id);
  const pool = local.length > 0 ? local : officersAt(sim.world, '330100-DMV-01').filter((h) => h.id !== handler.id);
  return rng.pick(pool);
}

function appointmentFor(sim: Sim, rng: Rng, channel: Channel, parties: Parties, ms: number): TxAppointment | null {
  const person = parties.person;
  if (channel !== 'COUNTER' || parties.agent !== null || person === null || !rng.chance(0.45)) return null;
  const bookedAt = ms - rng.int(1, 6) * DAY - rng.int(0, 10 * 60) * MINUTE;
  return { id: sim.nextAppointmentId(bookedAt), bookedAt: formatLocal(bookedAt), bookerPhone: person.phone, bookerAccount: person.account };
}

function outcome(rng: Rng, type: BusinessTypeCode, spec: DraftSpec): { status: TransactionStatus; completedAt: string | null } {
  const roll = rng.next();
  const status: TransactionStatus = spec.status
    ?? (roll < 0.03 ? 'ACCEPTED' : roll < 0.055 ? 'REJECTED' : roll < 0.07 ? 'CANCELLED' : 'COMPLETED');
  if (status !== 'COMPLETED') return { status, completedAt: null };
  const min = businessType(type).minMinutes;
  const minutes = spec.minutes ?? min + 1 + Math.floor(rng.next() ** 2 * 45);
  return { status, completedAt: formatLocal(spec.time + minutes * MINUTE + rng.int(0, 59) * SECOND) };
}

function txVehicle(v: Vehicle | null): TxVehicle | null {
  return v === null ? null : { plate: v.plate, vin: v.vin, vehicleType: v.vehicleType, color: v.color };
}

export function buildDraft(sim: Sim, rng: Rng, spec: DraftSpec): SimTransaction {
  const { station, time } = spec;
  const type = spec.type ?? rng.weighted(station.menu);
  const channel = spec.channel ?? channelFor(station, type, rng);
  const parties = spec.parties ?? pickParties(sim, rng, station, type, time, channel);
  const vehicle = spec.vehicle !== undefined ? spec.vehicle : vehicleFor(sim, rng, type, time, parties);
  const handler = spec.handler ?? pickHandler(sim, rng, station, type, time, parties.agent?.idNumber ?? null);
  const approver = spec.approver !== undefined ? spec.approver : pickApprover(sim, rng, station, handler, type);
  const { status, completedAt } = outcome(rng, type, spec);
  const tx: SimTransaction = {
    id: spec.id ?? sim.peekId(time), version: 1, type, status, acceptedAt: formatLocal(time), completedAt,
    stationCode: station.code, handlerId: handler.id, approverId: approver?.id ?? null,
    workstationId: channel === 'ONLINE' ? null : rng.pick(station.workstations), channel,
    applicant: parties.applicant, agent: parties.agent, vehicle: txVehicle(vehicle),
    appointment: spec.appointment !== undefined ? spec.appointment : appointmentFor(sim, rng, channel, parties, time),
    flags: { override: false, tolerance: false, toleranceDueAt: null },
    materials: [], photos: [], extra: {},
  };
  tx.materials = buildMaterials(rng, sim.seed, tx, 'v1');
  sim.meta.set(tx, { proxy: parties.proxy, person: parties.person });
  return tx;
}

/** A uniformly drawn moment inside [open, close − 10 min) on the given day (optionally inside `hours`), or null. */
export function randomOpenTime(rng: Rng, station: SimStation, midnight: number, hours?: [number, number]): number | null {
  const open = openInterval(station.hours, midnight);
  if (open === null) return null;
  const from = Math.max(open[0], hours ? midnight + hours[0] * HOUR : open[0]);
  const to = Math.min(open[1] - 10 * MINUTE, hours ? midnight + hours[1] * HOUR : open[1]);
  if (to <= from) return null;
  return from + rng.int(0, Math.floor((to - from) / SECOND) - 1) * SECOND;
}
