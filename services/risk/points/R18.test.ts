import { describe, it } from 'vitest';
import { R18 } from './R18.ts';
import { AGENT, BASE_TX, expectOutcome, run, sha, type Expected, type FeaturesPatch } from './test-fixtures.ts';

describe('R18 代办无委托', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['no agent, no power of attorney', {}, 'miss'],
    ['agent with power of attorney', { tx: { agent: AGENT, materials: [...BASE_TX.materials, { kind: 'POWER_OF_ATTORNEY', sha256: sha(9), validUntil: null, subjectVin: null, subjectIdNumber: null }] } }, 'miss'],
    ['agent without power of attorney', { tx: { agent: AGENT } }, 'hit'],
    ['registered clerk without power of attorney still needs one', { tx: { agent: { ...AGENT, orgCode: '91330100MA2XXXXXX1' } } }, 'hit'],
    ['agent with no materials at all', { tx: { agent: AGENT, materials: [] } }, 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R18, patch), expected);
  });
});
