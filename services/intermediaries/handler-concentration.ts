/**
 * Handler concentration: of all the suspects' cases, how many went to each handler, against
 * the number the handler's share of the same station and business type predicts. A ring
 * spreads its favours over its members, so one pooled test per handler sees what a test per
 * agent–handler pair can miss.
 */
import type { HandlerCells } from './handler-cells.ts';
import { poissonUpperTail } from './stats.ts';

export interface HandlerConcentration {
  readonly handler: string;
  readonly observed: number;
  readonly expected: number;
  readonly lift: number;
  readonly pValue: number;
  /** Suspects who brought this handler more cases than expected (ring units left out). */
  readonly agents: string[];
}

/** `agent` is an agent's ID number, or a ring id for the ring's transactions without a suspect agent. */
export interface ConcentrationRow { readonly agent: string; readonly handler: string; readonly observed: number; readonly expected: number }

/** A unit of concentration: an agent (keys `p:` + ID number) or a ring (its phones `m:` and accounts `a:`). */
export interface ConcentrationUnit { readonly unit: string; readonly keys: readonly string[] }

const byKey = <V>(map: ReadonlyMap<string, V>): Array<[string, V]> => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Observed and expected cases per (unit, handler) from each unit's cases per cell and handler
 * (after-rings.ts: which transactions go to which unit): every handler of every cell the unit
 * worked in is expected its share of the unit's cases there, observed or not. Summed in one
 * order on both back ends.
 */
export function concentrationRows(unitCases: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>, cells: HandlerCells): ConcentrationRow[] {
  const out: ConcentrationRow[] = [];
  for (const [unit, byCell] of byKey(unitCases)) {
    const expected = new Map<string, number>();
    const observed = new Map<string, number>();
    for (const [cell, handlers] of byKey(byCell)) {
      let cases = 0;
      for (const [handler, n] of byKey(handlers)) {
        cases += n;
        observed.set(handler, (observed.get(handler) ?? 0) + n);
      }
      const total = cells.total(cell);
      for (const [handler, handled] of byKey(cells.handlersOf(cell))) expected.set(handler, (expected.get(handler) ?? 0) + (cases * handled) / total);
    }
    for (const [handler, e] of expected) out.push({ agent: unit, handler, observed: observed.get(handler) ?? 0, expected: e });
  }
  return out;
}

/** Pools the rows of a group of agents per handler and tests each handler (Poisson upper tail). */
export function poolByHandler(rows: readonly ConcentrationRow[], agents: ReadonlySet<string>): HandlerConcentration[] {
  const byHandler = new Map<string, ConcentrationRow[]>();
  for (const r of rows) {
    if (!agents.has(r.agent)) continue;
    const list = byHandler.get(r.handler);
    if (list) list.push(r);
    else byHandler.set(r.handler, [r]);
  }
  return [...byHandler].map(([handler, list]) => {
    const observed = list.reduce((sum, r) => sum + r.observed, 0);
    const expected = list.reduce((sum, r) => sum + r.expected, 0);
    return {
      handler, observed, expected, lift: expected > 0 ? observed / expected : Number.POSITIVE_INFINITY,
      pValue: poissonUpperTail(observed, expected),
      agents: list.filter((r) => !r.agent.startsWith('RING-') && r.observed >= 2 && r.observed > 1.5 * r.expected).map((r) => r.agent).sort(),
    };
  }).sort((a, b) => a.pValue - b.pValue || (a.handler < b.handler ? -1 : 1));
}

/** A handler favoured beyond chance: tail below this and at least this lift. */
export const CONCENTRATION_P = 1e-3;
export const CONCENTRATION_LIFT = 1.5;

export const isFavoured = (h: HandlerConcentration): boolean => h.pValue <= CONCENTRATION_P && h.lift >= CONCENTRATION_LIFT;

/**
 * Within one ring a handler is tested against only the handlers of the ring's stations, so a
 * looser tail is enough; the lift and count floors keep a couple of chance meetings out.
 */
export const RING_CONCENTRATION_P = 1e-2;
export const isRingFavoured = (h: HandlerConcentration): boolean => h.pValue <= RING_CONCENTRATION_P && h.lift >= 2 && h.observed >= 5;
