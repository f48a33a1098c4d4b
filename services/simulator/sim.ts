/**
 * Shared state of one simulation run: options, the world, the population, the ground-truth
 * oracle, the schedule of transactions still to be drawn, and the truth being collected.
 */
import type { Oracle } from './oracle.ts';
import type { Person, Population } from './population.ts';
import { Rng } from './prng.ts';
import { DAY, localMidnight } from './time.ts';
import type { ProxyKind, SimTransaction, Tier } from './types.ts';
import type { World } from './world.ts';

export interface SimulateOptions {
  readonly days: number;
  readonly seed: string | number;
  /** Local date of the first day, YYYY-MM-DD (default 2026-03-01). */
  readonly start?: string;
  /** Transactions on an ordinary weekday (default 1000); Saturdays and Sundays are quieter. */
  readonly perDay?: number;
  readonly tier?: Tier;
}

export interface ResolvedOptions {
  readonly days: number;
  readonly seed: string | number;
  readonly start: string;
  readonly perDay: number;
  readonly tier: Tier;
}

export type Role = 'clean' | 'tout' | 'plant' | 'edge' | 'revision';

/** One transaction to be drawn at a given moment; `build` may be called again if a draw fires something unexpected. */
export interface Slot {
  readonly time: number;
  readonly role: Role;
  /** The risk point this slot plants (recorded in truth.planted when it fires). */
  readonly point?: string;
  /** Points this draw may fire; defaults to [point] or nothing. */
  readonly allowed?: readonly string[];
  /** Why a clean edge case is interesting; recorded in truth.edgeCases. */
  readonly note?: string;
  build(sim: Sim, rng: Rng, attempt: number): SimTransaction;
  onCommit?(sim: Sim, tx: SimTransaction, hits: readonly string[]): void;
}

/** What the builder knew about a draft that the transaction itself does not say. */
export interface DraftMeta {
  readonly proxy: ProxyKind | null;
  readonly person: Person | null;
}

export class Sim {
  readonly seed: string;
  readonly rng: Rng;
  readonly startMs: number;
  readonly meta = new WeakMap<SimTransaction, DraftMeta>();
  readonly reserved = new Set<string>();
  /** People kept for planted scenarios: everyday draws never pick them (e.g. a planted clerk). */
  readonly reservedPeople = new Set<string>();
  /** Handlers owned by a single scenario (a planted R07 day); never shared with another. */
  readonly exclusive = new Set<string>();
  readonly planted = new Map<string, string[]>();
  readonly hits = new Map<string, string[]>();
  readonly edgeCases = new Map<string, string>();
  readonly proxies = new Map<string, ProxyKind>();
  readonly byRole = new Map<string, number>();
  readonly byType = new Map<string, number>();
  /** How often a draw was rejected, by the point it would have fired unexpectedly. */
  readonly redraws = new Map<string, number>();
  /** Committed clean materials, for R24 plants that reuse someone else's document. */
  readonly recentDocs: { txId: string; applicant: string; kind: string; sha256: string }[] = [];
  oracle!: Oracle;
  lines = 0;
  private seq = 0;
  private appointmentSeq = 0;
  private readonly pending = new Map<number, Slot[]>();
  private queue: Slot[] = [];
  private cursor = 0;
  private today = -1;

  constructor(readonly options: ResolvedOptions, readonly world: World, readonly people: Population) {
    this.seed = String(options.seed);
    this.rng = new Rng(`simulator:${this.seed}:${options.tier}:${options.perDay}:${options.start}:${options.days}`);
    this.startMs = localMidnight(options.start);
  }

  dayOf(ms: number): number {
    return Math.floor((ms - this.startMs) / DAY);
  }

  midnight(day: number): number {
    return this.startMs + day * DAY;
  }

  /** Queues a slot; slots outside the run are dropped (returns false). */
  schedule(slot: Slot): boolean {
    const day = this.dayOf(slot.time);
    if (day < 0 || day >= this.options.days) return false;
    if (day < this.today) throw new Error('cannot schedule into a day already written');
    if (day > this.today) {
      const list = this.pending.get(day) ?? [];
      list.push(slot);
      this.pending.set(day, list);
      return true;
    }
    let i = this.queue.length;
    while (i > this.cursor && (this.queue[i - 1] as Slot).time > slot.time) i--;
    this.queue.splice(i, 0, slot);
    return true;
  }

  beginDay(day: number, planned: readonly Slot[]): void {
    this.today = day;
    this.queue = [...(this.pending.get(day) ?? []), ...planned].sort((a, b) => a.time - b.time);
    this.pending.delete(day);
    this.cursor = 0;
  }

  nextSlot(): Slot | undefined {
    return this.queue[this.cursor++];
  }

  /** The id the next new transaction will get (the counter moves only on commit). */
  peekId(ms: number): string {
    const year = new Date(ms + 8 * 3_600_000).getUTCFullYear();
    return `330100-${year}-${String(this.seq + 1).padStart(7, '0')}`;
  }

  advanceId(): void {
    this.seq++;
  }

  nextAppointmentId(ms: number): string {
    this.appointmentSeq++;
    const date = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return `AP-${date}-${String(this.appointmentSeq).padStart(6, '0')}`;
  }

  reserve(handlerId: string, day: number): void {
    this.reserved.add(`${handlerId}|${day}`);
  }

  isReserved(handlerId: string, ms: number): boolean {
    return this.reserved.has(`${handlerId}|${this.dayOf(ms)}`);
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}
