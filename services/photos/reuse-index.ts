/**
 * Near-duplicate search over 64-bit perceptual hashes by multi-index hashing: the hash is cut
 * into four 16-bit bands. Two hashes within distance d differ in at most ⌊d/4⌋ bits of at
 * least one band (pigeonhole), so probing every band value within that radius of the query's
 * bands finds every match, and only those candidates are compared in full. `bandProbes` gives
 * the values to probe, so a database with one indexed column per band can do the same.
 */
import { hammingDistance } from './phash.ts';

export const BANDS = 4;

/** The four 16-bit bands of a 64-bit hex hash, most significant first. */
export function hashBands(hash: string): number[] {
  const padded = hash.padStart(16, '0');
  return Array.from({ length: BANDS }, (_, i) => Number.parseInt(padded.slice(i * 4, i * 4 + 4), 16));
}

/** Every 16-bit value within `radius` bits of `value`. */
function within(value: number, radius: number, from = 0): number[] {
  if (radius === 0) return [value];
  const out = [value];
  for (let bit = from; bit < 16; bit++) {
    for (const v of within(value ^ (1 << bit), radius - 1, bit + 1)) out.push(v);
  }
  return out;
}

/** Per band, the band values a hash within `maxDistance` of `hash` must match in one band. */
export function bandProbes(hash: string, maxDistance: number): number[][] {
  const radius = Math.floor(maxDistance / BANDS);
  return hashBands(hash).map((band) => within(band, radius));
}

export interface ReuseHit<T> {
  readonly item: T;
  readonly distance: number;
}

/** In-memory index (tests, the embedded default's cache); the probes are the same for SQL. */
export class ReuseIndex<T> {
  private readonly bands = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  private readonly hashes: string[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  add(hash: string, item: T): void {
    const id = this.items.length;
    this.hashes.push(hash);
    this.items.push(item);
    hashBands(hash).forEach((value, band) => {
      const map = this.bands[band] as Map<number, number[]>;
      const list = map.get(value);
      if (list) list.push(id);
      else map.set(value, [id]);
    });
  }

  /** Every stored item within `maxDistance`, nearest first. */
  near(hash: string, maxDistance: number): ReuseHit<T>[] {
    const seen = new Set<number>();
    const hits: ReuseHit<T>[] = [];
    bandProbes(hash, maxDistance).forEach((values, band) => {
      const map = this.bands[band] as Map<number, number[]>;
      for (const value of values) {
        for (const id of map.get(value) ?? []) {
          if (seen.has(id)) continue;
          seen.add(id);
          const distance = hammingDistance(hash, this.hashes[id] ?? '');
          if (distance <= maxDistance) hits.push({ item: this.items[id] as T, distance });
        }
      }
    });
    return hits.sort((a, b) => a.distance - b.distance);
  }
}
