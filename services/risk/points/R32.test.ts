import { describe, expect, it } from 'vitest';
import { R32 } from './R32.ts';
import { expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const vin = (v: string | null): FeaturesPatch => ({ tx: { vehicle: { vin: v } } });

describe('R32 识别代号校验错误', () => {
  it.each<[string, FeaturesPatch, Expected, string?]>([
    ['valid VIN', {}, 'miss'],
    ['check digit X valid', vin('1M8GDM9AXKP042788'), 'miss'],
    ['wrong check digit', vin('1M8GDM9A1KP042788'), 'hit', 'CHECK_DIGIT'],
    ['16 characters', vin('1M8GDM9AXKP04278'), 'hit', 'FORMAT'],
    ['18 characters', vin('1M8GDM9AXKP0427881'), 'hit', 'FORMAT'],
    ['contains I', vin('1M8GDM9AXKP04278I'), 'hit', 'FORMAT'],
    ['contains O', vin('1M8GDM9AXKP04278O'), 'hit', 'FORMAT'],
    ['contains Q', vin('1M8GDM9AXKP04278Q'), 'hit', 'FORMAT'],
    ['lower case', vin('1m8gdm9axkp042788'), 'hit', 'FORMAT'],
    ['vehicle without VIN', vin(null), 'hit', 'MISSING'],
    ['no vehicle (driver licence)', { tx: { type: 'DL_RENEW', vehicle: null } }, 'miss'],
  ])('%s → %s', (_name, patch, expected, problem) => {
    const outcome = expectOutcome(run(R32, patch), expected);
    if (problem) expect(outcome).toMatchObject({ evidence: { problem } });
  });

  it('explains', () => {
    expect(run(R32, vin('1M8GDM9A1KP042788'))).toMatchObject({ reason: '车辆识别代号第9位校验位错误' });
  });
});
