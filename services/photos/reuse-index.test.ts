import { describe, expect, it } from 'vitest';
import { hammingDistance } from './phash.ts';
import { bandProbes, hashBands, ReuseIndex } from './reuse-index.ts';

/** Deterministic 64-bit hashes in hex (mulberry32, two draws per hash). */
function hashes(count: number, seed: number): string[] {
  let a = seed >>> 0;
  const next = (): string => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return Array.from({ length: count }, () => next() + next());
}

function flip(hash: string, bits: readonly number[]): string {
  let x = BigInt(`0x${hash}`);
  for (const bit of bits) x ^= 1n << BigInt(bit);
  return x.toString(16).padStart(16, '0');
}

describe('hammingDistance', () => {
  it('counts differing bits across both 32-bit halves', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('00000000ffff0000', '000000000000ffff')).toBe(32);
  });
});

describe('reuse index (multi-index hashing)', () => {
  it('splits a hash into four 16-bit bands and probes radius ⌊d/4⌋ per band', () => {
    expect(hashBands('0123456789abcdef')).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
    expect(bandProbes('0123456789abcdef', 6).map((p) => p.length)).toEqual([17, 17, 17, 17]);
    expect(bandProbes('0123456789abcdef', 3).map((p) => p.length)).toEqual([1, 1, 1, 1]);
  });

  it('finds every hash within the distance, and only those, against brute force', () => {
    const stored = hashes(5000, 0x9e3779b9);
    const index = new ReuseIndex<number>();
    stored.forEach((h, i) => index.add(h, i));
    // Near copies with 0…8 flipped bits, spread over the bands in the worst way for the index.
    const queries = stored.slice(0, 200).map((h, i) => flip(h, Array.from({ length: i % 9 }, (_, k) => (k * 16 + (i % 16)) % 64)));
    for (const query of queries) {
      const expected = stored.map((h, i) => ({ i, d: hammingDistance(query, h) })).filter((x) => x.d <= 6).map((x) => x.i).sort();
      expect(index.near(query, 6).map((hit) => hit.item).sort()).toEqual(expected);
    }
  });

  it('answers in under 50 ms with a million stored hashes', () => {
    const stored = hashes(1_000_000, 0x2545f491);
    const index = new ReuseIndex<number>();
    stored.forEach((h, i) => index.add(h, i));
    const query = flip(stored[123_456] ?? '', [1, 17, 33, 49, 60, 62]);
    const started = performance.now();
    const hits = index.near(query, 6);
    const elapsed = performance.now() - started;
    console.log(`reuse index: 1,000,000 hashes, query ${elapsed.toFixed(2)} ms, ${hits.length} hit(s)`);
    expect(hits.map((h) => h.item)).toContain(123_456);
    expect(elapsed).toBeLessThan(50);
  });
});
