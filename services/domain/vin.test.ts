import { describe, expect, it } from 'vitest';
import { normaliseVin, vinProblem } from './vin.ts';

describe('vinProblem', () => {
  it.each([
    ['LSVAU218XN2183294', null],
    ['1M8GDM9AXKP042788', null],
    ['1M8GDM9A1KP042788', 'CHECK_DIGIT'],
    ['1M8GDM9AXKP04278', 'FORMAT'],
    ['1M8GDM9AXKP0427888', 'FORMAT'],
    ['1M8GDM9AXKP04278I', 'FORMAT'],
    ['1M8GDM9AXKP04278O', 'FORMAT'],
    ['1M8GDM9AXKP04278Q', 'FORMAT'],
    ['1m8gdm9axkp042788', 'FORMAT'],
    ['', 'MISSING'],
    [null, 'MISSING'],
  ])('%s → %s', (vin, problem) => {
    expect(vinProblem(vin)).toBe(problem);
  });
});

describe('normaliseVin', () => {
  it('removes spaces and upper-cases', () => {
    expect(normaliseVin(' lsvau218xn 2183294 ')).toBe('LSVAU218XN2183294');
    expect(normaliseVin('  ')).toBeNull();
    expect(normaliseVin(null)).toBeNull();
  });
});
