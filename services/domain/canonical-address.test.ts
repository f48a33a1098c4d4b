import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { canonicalAddress } from './canonical-address.ts';

describe('canonical address', () => {
  it.each([
    ['杭州市西湖区文三路8号楼3单元501室', '杭州市西湖文三路8幢3单元501'],
    ['杭州市西湖文三路８栋3单元501', '杭州市西湖文三路8幢3单元501'],
    [' 杭州市 西湖区，文三路 8 幢 3单元 501 ', '杭州市西湖文三路8幢3单元501'],
    ['a座１２号楼', 'A座12幢'],
    ['解放路100号', '解放路100号'],
  ])('%s → %s', (raw, canonical) => {
    expect(canonicalAddress(raw)).toBe(canonical);
  });

  it('is empty for nothing and for punctuation only', () => {
    expect([canonicalAddress(null), canonicalAddress(''), canonicalAddress(' ，。 ')]).toEqual([null, null, null]);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => canonicalAddress(canonicalAddress(s)) === canonicalAddress(s)));
  });
});

/** Characters addresses are made of, their full-width and punctuated variants, and the words the rules rewrite. */
const PIECES = ['杭', '州', '市', '西', '湖', '区', '路', '号', '号楼', '栋', '幢', '单元', '室', '座', '小区', '1', '8', '０', '９', 'Ａ', 'b', ' ', '　', '，', '-', '#', '(', '）', '·', '、'];

describe.each(BACKENDS)('canonical_address in SQL on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  it('agrees with the TypeScript twin on addresses normalised as ingestion stores them and on raw ones', async () => {
    const samples = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join('')), { numRuns: 400, seed: 5 });
    const rows = await test.db.sql.query<{ c: string | null }>('SELECT canonical_address(a) AS c FROM unnest($1::text[]) WITH ORDINALITY AS u(a, i) ORDER BY i', [samples]);
    expect(rows.map((r) => r.c)).toEqual(samples.map((s) => canonicalAddress(s)));
  });
});
