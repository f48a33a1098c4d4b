import { describe, expect, it } from 'vitest';
import { R03 } from './R03.ts';
import { expectOutcome, run, STATION, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R03 非本站终端', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['registered workstation', {}, 'miss'],
    ['workstation not on the list', { tx: { workstationId: 'WS-330100-02-01' } }, 'hit'],
    ['missing workstation at a station with a list', { tx: { workstationId: null } }, 'hit'],
    ['empty list: any workstation', { tx: { workstationId: 'WS-X' }, reference: { station: { ...STATION, workstations: [] } } }, 'miss'],
    ['empty list: no workstation', { tx: { workstationId: null }, reference: { station: { ...STATION, workstations: [] } } }, 'miss'],
    ['case matters: ids are codes', { tx: { workstationId: 'ws-330100-01-07' } }, 'hit'],
    ['unknown station', { reference: { station: null } }, 'pending'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R03, patch), expected);
  });

  it('names the foreign workstation', () => {
    expect(run(R03, { tx: { workstationId: 'WS-9' } })).toMatchObject({ reason: '终端WS-9不在本站登记的终端名单中' });
  });
});
