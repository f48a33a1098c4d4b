/** Small helpers shared by the planted scenarios: choosing days, moments and building slots. */
import { type DraftSpec, buildDraft, randomOpenTime } from './clean.ts';
import type { Rng } from './prng.ts';
import type { Role, Sim, Slot } from './sim.ts';
import type { SimStation } from './stations.ts';
import { openInterval } from './time.ts';
import type { SimTransaction } from './types.ts';
import type { SimHandler } from './world.ts';

export const DMV = '330100-DMV-01';
export const BRANCHES = ['330106-BRANCH-01', '330108-BRANCH-01', '330109-BRANCH-01', '330110-BRANCH-01'];

export function stationOf(sim: Sim, code: string): SimStation {
  const station = sim.world.stationByCode.get(code);
  if (!station) throw new Error(`unknown station ${code}`);
  return station;
}

export function isOpenDay(sim: Sim, station: SimStation, day: number): boolean {
  return openInterval(station.hours, sim.midnight(day)) !== null;
}

/** Days in [from, to] (clamped to the run) on which the station is open. */
export function openDays(sim: Sim, station: SimStation, from = 0, to = sim.options.days - 1): number[] {
  const out: number[] = [];
  for (let d = Math.max(0, from); d <= Math.min(to, sim.options.days - 1); d++) if (isOpenDay(sim, station, d)) out.push(d);
  return out;
}

/** `count` open days (repeats allowed when the run is short), ascending, within `span` days of each other. */
export function sequenceDays(sim: Sim, rng: Rng, station: SimStation, count: number, span: number): number[] {
  const all = openDays(sim, station);
  if (all.length === 0) return [];
  const first = rng.pick(all.filter((d) => d <= Math.max(all[0] ?? 0, sim.options.days - 1 - span)));
  const within = openDays(sim, station, first, first + span);
  const days = within.length >= count ? rng.shuffle(within).slice(0, count) : Array.from({ length: count }, () => rng.pick(within));
  return days.sort((a, b) => a - b);
}

/** Ascending moments, one per day given, inside the station's hours (optionally inside `hours`). */
export function momentsOn(sim: Sim, rng: Rng, station: SimStation, days: readonly number[], hours?: [number, number]): number[] {
  return days
    .map((d) => randomOpenTime(rng, station, sim.midnight(d), hours) ?? randomOpenTime(rng, station, sim.midnight(d)))
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
}

/** One open moment on a random open day of the station in [from, to] of the run, or null. */
export function someMoment(sim: Sim, rng: Rng, station: SimStation, from = 0, to = sim.options.days - 1, hours?: [number, number]): number | null {
  const days = openDays(sim, station, from, to);
  if (days.length === 0) return null;
  return momentsOn(sim, rng, station, [rng.pick(days)], hours)[0] ?? null;
}

export type SpecFn = (sim: Sim, rng: Rng, attempt: number) => DraftSpec;
export type Mutation = (tx: SimTransaction, sim: Sim, rng: Rng) => void;

export interface PlantOptions {
  readonly point?: string;
  readonly role?: Role;
  readonly allowed?: readonly string[];
  readonly note?: string;
  readonly onCommit?: Slot['onCommit'];
}

/** Schedules a draw of a clean transaction from `spec`, then changed by `mutate`. */
export function plant(sim: Sim, time: number, spec: SpecFn, mutate: Mutation | null, o: PlantOptions = {}): void {
  sim.schedule({
    time,
    role: o.role ?? 'plant',
    ...(o.point !== undefined ? { point: o.point } : {}),
    ...(o.allowed !== undefined ? { allowed: o.allowed } : {}),
    ...(o.note !== undefined ? { note: o.note } : {}),
    ...(o.onCommit !== undefined ? { onCommit: o.onCommit } : {}),
    build: (s, rng, attempt) => {
      const tx = buildDraft(s, rng, spec(s, rng, attempt));
      mutate?.(tx, s, rng);
      return tx;
    },
  });
}

/** Handlers of a station's everyday roster that no ring or other scenario has claimed. */
export function freeHandlers(sim: Sim, code: string, role?: SimHandler['role']): SimHandler[] {
  return (sim.world.roster.get(code) ?? []).filter((h) => !sim.reservedPeople.has(h.id) && (!role || h.role === role));
}

/**
 * Claims a handler for one scenario, preferring one no other scenario uses; handlers marked
 * exclusive (a planted R07 day) are never shared.
 */
export function claimHandler(sim: Sim, rng: Rng, code: string, role?: SimHandler['role'], exclusive = false): SimHandler {
  const free = freeHandlers(sim, code, role);
  const pool = free.length > 0 ? free
    : (sim.world.roster.get(code) ?? []).filter((h) => !sim.exclusive.has(h.id) && (!role || h.role === role));
  const handler = rng.pick(pool);
  sim.reservedPeople.add(handler.id);
  if (exclusive) sim.exclusive.add(handler.id);
  return handler;
}

/** Monday to Friday. */
export function isWeekday(sim: Sim, day: number): boolean {
  const wd = new Date(sim.midnight(day) + 9 * 3_600_000).getUTCDay();
  return wd >= 1 && wd <= 5;
}
