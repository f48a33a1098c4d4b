import { describe, expect, it } from 'vitest';
import { parseArgs } from './simulate.ts';

describe('simulate CLI arguments', () => {
  it('reads the required and optional options', () => {
    expect(parseArgs(['--days', '30', '--seed', '1', '--out', 'out/sim', '--per-day=500', '--tier', 'hard', '--start', '2026-04-01'])).toEqual({
      out: 'out/sim',
      options: { days: 30, seed: '1', perDay: 500, tier: 'hard', start: '2026-04-01' },
    });
  });

  it('reads --photos (no value) with its shares, and refuses the shares without it or out of range', () => {
    const base = ['--days', '1', '--seed', 's', '--out', 'x'];
    expect(parseArgs([...base]).photos).toBeUndefined();
    expect(parseArgs([...base, '--photos']).photos).toEqual({});
    expect(parseArgs(['--photos', ...base, '--photo-share', '0.3', '--photo-anomalies=0.5'])).toEqual({
      out: 'x', options: { days: 1, seed: 's' }, photos: { share: 0.3, anomalyShare: 0.5 },
    });
    expect(() => parseArgs([...base, '--photo-share', '0.3'])).toThrow(/need --photos/);
    expect(() => parseArgs([...base, '--photos', '--photo-share', '1.5'])).toThrow(/--photo-share must be a number from 0 to 1/);
    expect(() => parseArgs([...base, '--photos', '--photo-anomalies', 'many'])).toThrow(/--photo-anomalies/);
  });

  it('rejects missing or unknown options', () => {
    expect(() => parseArgs(['--seed', '1', '--out', 'x'])).toThrow(/--days/);
    expect(() => parseArgs(['--days', '3', '--out', 'x'])).toThrow(/--seed/);
    expect(() => parseArgs(['--days', '3', '--seed', '1'])).toThrow(/--out/);
    expect(() => parseArgs(['--days', '3', '--seed', '1', '--out', 'x', '--colour', 'red'])).toThrow(/unknown/);
    expect(() => parseArgs(['3'])).toThrow(/unexpected/);
  });
});
