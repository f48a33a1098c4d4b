/**
 * Grammar-constrained CTC prefix beam search. Unlike the best single alignment (Viterbi), it
 * sums the probability of every alignment of a text, which is what CTC was trained to
 * maximise; each position may only take its own character set. The surviving complete texts
 * are the OCR candidates a check digit (VIN) can choose among.
 */
import type { CtcOutput } from './recognise.ts';

export interface Candidate {
  readonly text: string;
  /** Share of the probability of all complete candidates kept in the beam, 0 … 1. */
  readonly posterior: number;
}

/** Alphabet indices of each position's allowed characters (unknown characters are skipped). */
export function positionClasses(alphabet: readonly string[], pattern: readonly string[]): Int32Array[] {
  const index = new Map<string, number>();
  alphabet.forEach((ch, i) => {
    if (i > 0 && !index.has(ch)) index.set(ch, i);
  });
  return pattern.map((chars) => Int32Array.from(Array.from(chars).flatMap((ch) => (index.has(ch) ? [index.get(ch) ?? 0] : []))));
}

interface Beam {
  labels: number[];
  blank: number;
  nonBlank: number;
}

/** Characters less likely than this in a frame are not worth a new beam. */
const MIN_PROB = 1e-4;

function key(labels: readonly number[]): string {
  return labels.join(',');
}

function add(next: Map<string, Beam>, labels: number[], blank: number, nonBlank: number): void {
  const k = key(labels);
  const beam = next.get(k);
  if (beam) {
    beam.blank += blank;
    beam.nonBlank += nonBlank;
  } else next.set(k, { labels, blank, nonBlank });
}

function step(ctc: CtcOutput, t: number, beams: readonly Beam[], sets: readonly Int32Array[]): Map<string, Beam> {
  const row = t * ctc.classes;
  const p = (c: number): number => ctc.probs[row + c] ?? 0;
  const next = new Map<string, Beam>();
  for (const beam of beams) {
    const total = beam.blank + beam.nonBlank;
    const last = beam.labels[beam.labels.length - 1];
    add(next, beam.labels, total * p(0), last === undefined ? 0 : beam.nonBlank * p(last));
    const set = sets[beam.labels.length];
    if (!set) continue;
    for (const c of set) {
      const pc = p(c);
      if (pc < MIN_PROB) continue;
      // The same class twice needs a blank between, so only the blank-ending mass extends.
      add(next, [...beam.labels, c], 0, (c === last ? beam.blank : total) * pc);
    }
  }
  return next;
}

/**
 * Complete candidates, best first. `sets` gives the allowed classes per position; a candidate
 * is complete when its length is one of `lengths`.
 */
export function beamSearch(ctc: CtcOutput, sets: readonly Int32Array[], lengths: readonly number[], width = 16): Candidate[] {
  let beams: Beam[] = [{ labels: [], blank: 1, nonBlank: 0 }];
  for (let t = 0; t < ctc.frames; t++) {
    const next = [...step(ctc, t, beams, sets).values()];
    next.sort((a, b) => b.blank + b.nonBlank - (a.blank + a.nonBlank));
    beams = next.slice(0, width);
    // Rescale each frame: products over hundreds of frames would underflow to 0.
    const top = (beams[0]?.blank ?? 0) + (beams[0]?.nonBlank ?? 0);
    if (top > 0) {
      for (const beam of beams) {
        beam.blank /= top;
        beam.nonBlank /= top;
      }
    }
  }
  const complete = beams.filter((beam) => lengths.includes(beam.labels.length));
  const sum = complete.reduce((acc, beam) => acc + beam.blank + beam.nonBlank, 0);
  return complete
    .map((beam) => ({
      text: beam.labels.map((label) => ctc.alphabet[label] ?? '').join(''),
      posterior: sum > 0 ? (beam.blank + beam.nonBlank) / sum : 0,
    }))
    .sort((a, b) => b.posterior - a.posterior);
}
