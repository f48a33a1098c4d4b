import { describe, expect, it } from 'vitest';
import { R01 } from './R01.ts';
import { evidenceOf, expectOutcome, HANDLER, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R01 越权办理', () => {
  it.each<[string, FeaturesPatch, Expected, string[]?]>([
    ['authorised active handler at own station', {}, 'miss'],
    ['unknown handler', { reference: { handler: null } }, 'hit', ['UNKNOWN_HANDLER']],
    ['inactive handler', { reference: { handler: { ...HANDLER, active: false } } }, 'hit', ['INACTIVE']],
    ['type not in permissions', { reference: { handler: { ...HANDLER, permissions: ['REG_NEW'] } } }, 'hit', ['NO_PERMISSION']],
    ['station not among the handler stations', { reference: { handler: { ...HANDLER, stations: ['330100-DMV-02'] } } }, 'hit', ['FOREIGN_STATION']],
    ['all three at once', { reference: { handler: { ...HANDLER, active: false, permissions: [], stations: [] } } }, 'hit', ['INACTIVE', 'NO_PERMISSION', 'FOREIGN_STATION']],
    ['permission for another type only after a type change', { tx: { type: 'REG_NEW' }, reference: { handler: { ...HANDLER, permissions: ['TRANSFER'] } } }, 'hit', ['NO_PERMISSION']],
  ])('%s → %s', (_name, patch, expected, problems) => {
    const outcome = expectOutcome(run(R01, patch), expected);
    if (problems) expect(evidenceOf(outcome).problems).toEqual(problems);
  });

  it('names the handler in the reason', () => {
    const outcome = run(R01, { reference: { handler: null } });
    expect(outcome).toMatchObject({ outcome: 'hit', reason: '经办人H10023不在经办人名册中' });
  });
});
