import { describe, expect, it } from 'vitest';
import { binomialUpperTail, median, poissonUpperTail, seededRandom } from './stats.ts';

describe('statistics helpers', () => {
  it('computes exact binomial upper tails', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 12);
    // P(X ≥ 3), X ~ B(5, 0.5) = 16/32.
    expect(binomialUpperTail(3, 5, 0.5)).toBeCloseTo(0.5, 12);
    expect(binomialUpperTail(24, 28, 3.32 / 28)).toBeLessThan(1e-15);
  });

  it('computes Poisson upper tails', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    // P(X ≥ 1) = 1 − e^−2.
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(77, 14.7)).toBeLessThan(1e-25);
  });

  it('takes medians and gives a repeatable random source', () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => a());
    expect(draws).toEqual(Array.from({ length: 5 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
