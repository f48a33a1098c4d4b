/**
 * Reproducible sampling: a seeded generator (the seed is recorded with the draw) picks the
 * transactions from the population in a fixed order, then a reviewer for each from the eligible
 * ones in a fixed order. Same seed, population and reviewers → the same draw, anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A 32-bit seeded generator (mulberry32) over the seed's SHA-256, so any text is a seed. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

/** `size` distinct items by a partial Fisher–Yates shuffle over a copy, in draw order. */
export function sample<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, n);
}

export function fingerprint(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}
