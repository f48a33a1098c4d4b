/**
 * Runs the day loop: plans each day's slots (everyday business, tout business, planted and
 * scheduled ones), draws each in time order, checks the draw against the ground-truth oracle
 * and re-draws when a transaction would fire a point it is not meant to fire.
 */
import { normaliseIdNumber } from '../domain/normalise.ts';
import { buildDraft, randomOpenTime } from './clean.ts';
import { legitToleranceSlot } from './plants-material.ts';
import type { Rng } from './prng.ts';
import type { Sim, Slot } from './sim.ts';
import { TIERS, type Ring, toutSlots } from './touts.ts';
import type { SimTransaction } from './types.ts';
import { HOUR, openInterval, weekdayOf } from './time.ts';

const MAX_ATTEMPTS = 30;

function dayFactor(sim: Sim, day: number): number {
  const wd = weekdayOf(sim.midnight(day) + HOUR);
  return wd === 'sun' ? 0.12 : wd === 'sat' ? 0.35 : 1;
}

/** Everyday slots for one day, spread over the open stations by their share of the volume. */
export function planDay(sim: Sim, rng: Rng, rings: readonly Ring[], day: number): Slot[] {
  const midnight = sim.midnight(day);
  const total = Math.round(sim.options.perDay * dayFactor(sim, day));
  const open = sim.world.stations.filter((s) => openInterval(s.hours, midnight) !== null);
  const counterOpen = open.some((s) => s.kind === 'DMV' || s.kind === 'BRANCH');
  const touts = counterOpen ? Math.round(total * TIERS[sim.options.tier].share) : 0;
  const shares = open.reduce((sum, s) => sum + s.share, 0);
  const slots: Slot[] = toutSlots(sim, rng, rings, day, touts);
  for (const station of open) {
    const count = Math.round(((total - touts) * station.share) / shares);
    for (let i = 0; i < count; i++) {
      // The online platform is used mostly between 07:00 and 23:30.
      const hours: [number, number] | undefined = station.kind === 'ONLINE' && rng.chance(0.95) ? [7, 23.5] : undefined;
      const time = randomOpenTime(rng, station, midnight, hours);
      if (time === null) continue;
      const counter = station.kind === 'DMV' || station.kind === 'BRANCH';
      if (counter && day + 10 < sim.options.days && rng.chance(0.004)) {
        slots.push(legitToleranceSlot(sim, station, time));
        continue;
      }
      slots.push({ time, role: 'clean', build: (s, r) => buildDraft(s, r, { station, time }) });
    }
  }
  return slots;
}

function applicantKey(tx: SimTransaction): string {
  return (tx.applicant.kind === 'PERSON' ? normaliseIdNumber(tx.applicant.idNumber) : tx.applicant.orgCode) ?? '';
}

function record(sim: Sim, slot: Slot, tx: SimTransaction, hits: readonly string[]): void {
  if (hits.length > 0) sim.hits.set(tx.id, [...hits]);
  else sim.hits.delete(tx.id);
  if (slot.point && hits.includes(slot.point)) sim.planted.set(slot.point, [...(sim.planted.get(slot.point) ?? []), tx.id]);
  if (slot.note && hits.length === 0) sim.edgeCases.set(tx.id, slot.note);
  const proxy = sim.meta.get(tx)?.proxy;
  if (proxy && tx.agent && slot.role === 'clean') sim.proxies.set(tx.agent.idNumber, proxy);
  if (slot.role === 'clean' && tx.version === 1) {
    for (const m of tx.materials) {
      if (m.sha256 !== null) sim.recentDocs.push({ txId: tx.id, applicant: applicantKey(tx), kind: m.kind, sha256: m.sha256 });
    }
    if (sim.recentDocs.length > 2000) sim.recentDocs.splice(0, 1000);
  }
  sim.count(sim.byRole, slot.role);
  if (tx.version === 1) sim.count(sim.byType, tx.type);
}

/** Draws a slot until it fires only what it may; a slot that cannot be drawn cleanly is dropped. */
function realise(sim: Sim, rng: Rng, slot: Slot): SimTransaction | null {
  const allowed = new Set(slot.allowed ?? (slot.point ? [slot.point] : []));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tx = slot.build(sim, rng, attempt);
    const hits = sim.oracle.evaluate(tx);
    if (!hits.every((h) => allowed.has(h))) {
      for (const h of hits) if (!allowed.has(h)) sim.count(sim.redraws, h);
      continue;
    }
    sim.oracle.commit(tx);
    if (tx.version === 1) sim.advanceId();
    record(sim, slot, tx, hits);
    slot.onCommit?.(sim, tx, hits);
    return tx;
  }
  sim.count(sim.byRole, `dropped-${slot.role}`);
  return null;
}

/** Yields every line of transactions.ndjson in file order. */
export function* runDays(sim: Sim, rings: readonly Ring[]): Generator<SimTransaction> {
  for (let day = 0; day < sim.options.days; day++) {
    const rng = sim.rng.fork(`day-${day}`);
    sim.beginDay(day, planDay(sim, rng, rings, day));
    for (let slot = sim.nextSlot(); slot; slot = sim.nextSlot()) {
      const tx = realise(sim, rng, slot);
      if (tx === null) continue;
      sim.lines++;
      yield tx;
    }
  }
}
