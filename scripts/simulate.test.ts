import { describe, expect, it } from 'vitest';
import { parseArgs } from './simulate.ts';

describe('simulate CLI arguments', () => {
  it('reads the required and optional options', () => {
    expect(parseArgs(['--days', '30', '--seed', '1', '--out', 'out/sim', '--per-day=500', '--tier', 'hard', '--start', '2026-04-01'])).toEqual({
      out: 'out/sim',
      options: { days: 30, seed: '1', perDay: 500, tier: 'hard', start: '2026-04-01' },
    });
  });

  it('rejects missing or unknown options', () => {
    expect(() => parseArgs(['--seed', '1', '--out', 'x'])).toThrow(/--days/);
    expect(() => parseArgs(['--days', '3', '--out', 'x'])).toThrow(/--seed/);
    expect(() => parseArgs(['--days', '3', '--seed', '1'])).toThrow(/--out/);
    expect(() => parseArgs(['--days', '3', '--seed', '1', '--out', 'x', '--colour', 'red'])).toThrow(/unknown/);
    expect(() => parseArgs(['3'])).toThrow(/unexpected/);
  });
});
