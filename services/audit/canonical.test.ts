import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH } from './canonical.ts';

describe('canonicalJson', () => {
  it.each([
    ['keys sorted by UTF-16 code unit at every depth, undefined members left out, undefined array items as null',
      { b: 1, a: [1, undefined, null, { z: 'x', y: undefined }], 甲: '乙', A: true, é: 1.5, 10: 2, 9: 3 },
      '{"10":2,"9":3,"A":true,"a":[1,null,null,{"z":"x"}],"b":1,"é":1.5,"甲":"乙"}'],
    ['empty containers', { a: [], o: {} }, '{"a":[],"o":{}}'],
    ['scalars and null', [null, 'x', 0, false], '[null,"x",0,false]'],
    ['an object whose members are all undefined', { u: undefined }, '{}'],
  ])('%s', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives the hash stored entries were chained with (a change to the text would break every chain)', () => {
    const entry = { seq: 1n, at: new Date('2026-01-01T00:00:00.000Z'), actor: 'u', action: 'a', entityType: 't', entityId: 'x', data: { b: [2], a: '甲' } };
    expect(entryHash(GENESIS_HASH, entry)).toBe(entryHash(GENESIS_HASH, { ...entry, data: { a: '甲', b: [2] } }));
    expect(entryHash(GENESIS_HASH, entry)).toBe('75c83dd9b396b9a3a1b891c613dccbf816a7703bcd2e149bdb1b4b4110156cac');
  });
});
