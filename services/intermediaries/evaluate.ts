/** Scores a detection against a simulated world's truth (issue 5, acceptance 1 and 2). */
import type { Truth } from '../simulator/index.ts';
import type { DetectionResult } from './types.ts';

export interface Evaluation {
  /** Share of true touts among the top min(50, suspects) suspects. */
  readonly precisionAt50: number;
  /** Share of all true touts found in the top 100 suspects. */
  readonly recallAt100: number;
  /** Share of true rings with ≥ 80 % of members inside one found ring that is itself ≥ half true members. */
  readonly ringRecovery: number;
  /** Legitimate high-volume proxies (dealers, postal, fleets, families …) in the top 100. */
  readonly legitimateInTop100: number;
  readonly legitimateFlagged: string[];
  readonly colludingHandlerRecall: number;
  readonly colludingHandlerPrecision: number;
  readonly suspects: number;
  readonly touts: number;
  readonly rings: number;
}

const share = (part: number, whole: number, empty: number) => (whole === 0 ? empty : part / whole);

function recovered(truth: Truth, result: DetectionResult): number {
  const found = result.rings.map((r) => new Set(r.members));
  const hits = truth.rings.filter((ring) => found.some((f) => {
    const inside = ring.members.filter((m) => f.has(m)).length;
    return inside >= 0.8 * ring.members.length && inside >= 0.5 * f.size;
  }));
  return share(hits.length, truth.rings.length, 1);
}

export function evaluateDetection(truth: Truth, result: DetectionResult): Evaluation {
  const touts = new Set(truth.touts.map((t) => t.idNumber));
  const legit = new Map(truth.legitimateProxies.map((p) => [p.idNumber, p.kind]));
  const top50 = result.suspects.slice(0, 50);
  const top100 = result.suspects.slice(0, 100);
  const legitimateFlagged = top100.filter((s) => legit.has(s.idNumber)).map((s) => `${s.idNumber}(${legit.get(s.idNumber) ?? ''})`);
  const trueHandlers = new Set(truth.colludingHandlers);
  const foundHandlers = result.colludingHandlers.map((h) => h.handlerId);
  return {
    precisionAt50: share(top50.filter((s) => touts.has(s.idNumber)).length, top50.length, 0),
    recallAt100: share(top100.filter((s) => touts.has(s.idNumber)).length, touts.size, 1),
    ringRecovery: recovered(truth, result),
    legitimateInTop100: legitimateFlagged.length,
    legitimateFlagged,
    colludingHandlerRecall: share(foundHandlers.filter((h) => trueHandlers.has(h)).length, trueHandlers.size, 1),
    colludingHandlerPrecision: share(foundHandlers.filter((h) => trueHandlers.has(h)).length, foundHandlers.length, 0),
    suspects: result.suspects.length, touts: touts.size, rings: truth.rings.length,
  };
}
