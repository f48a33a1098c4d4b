import { describe, expect, it } from 'vitest';
import { PairCounts, StringPool } from './network-tables.ts';

describe('StringPool', () => {
  it('interns strings to dense ids in first-seen order, a prefix being part of the string', () => {
    const pool = new StringPool();
    expect(pool.intern('138', 'm:')).toBe(0);
    expect(pool.intern('138', 'a:')).toBe(1);
    expect(pool.intern('m:138')).toBe(0);
    expect(pool.intern('')).toBe(2);
    expect(pool.intern('', 'm:')).toBe(3);
    expect(pool.intern('138', 'm:')).toBe(0);
    expect([0, 1, 2, 3].map((id) => pool.name(id))).toEqual(['m:138', 'a:138', '', 'm:']);
    expect(pool.size).toBe(4);
  });

  it('keeps its ids and names while it grows, and past Latin-1', () => {
    const pool = new StringPool();
    const strings = Array.from({ length: 50_000 }, (_, i) => `${i.toString(36)}-${'x'.repeat(i % 17)}`);
    expect(strings.map((s) => pool.intern(s))).toEqual(strings.map((_, i) => i));
    const wide = ['账户', 'é\u00ff', '\ud83d\ude00 emoji', 'Ā'];
    wide.forEach((s, i) => expect(pool.intern(s, 'a:')).toBe(strings.length + i));
    expect(strings.map((s) => pool.intern(s))).toEqual(strings.map((_, i) => i));
    expect(strings.map((_, i) => pool.name(i))).toEqual(strings);
    expect(wide.map((_, i) => pool.name(strings.length + i))).toEqual(wide.map((s) => `a:${s}`));
    expect(pool.intern('x'.repeat(10_000))).toBe(strings.length + wide.length);
    expect(pool.name(strings.length + wide.length)).toBe('x'.repeat(10_000));
  });
});

describe('PairCounts', () => {
  it('counts ordered pairs through its growth', () => {
    const pairs = new PairCounts();
    const expected = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const [x, y] = [(i * 7919) % 1_000, (i * 104_729) % 3_000];
      pairs.add(x, y);
      expected.set(`${x},${y}`, (expected.get(`${x},${y}`) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    pairs.forEach((x, y, count) => seen.set(`${x},${y}`, count));
    expect(seen).toEqual(expected);
    expect(pairs.size).toBe(expected.size);
    expect(pairs.get(0, 0)).toBe(expected.get('0,0'));
    expect(pairs.get(1, 0)).toBe(expected.get('1,0') ?? 0);
    expect(pairs.get(5_000, 5_000)).toBe(0);
  });
});
