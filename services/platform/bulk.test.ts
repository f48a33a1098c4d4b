import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { bulkInsert, bulkInsertReturning, type BulkColumn } from './bulk.ts';

interface Row {
  name: string | null;
  count: number | null;
  big: bigint | null;
  flag: boolean | null;
  at: Date | null;
  day: string | null;
  ratio: number | null;
  doc: unknown;
  docb: unknown;
  raw: string | null;
  tags: string[] | null;
}

const COLUMNS: readonly BulkColumn<Row>[] = [
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'count', type: 'int', value: (r) => r.count },
  { name: 'big', type: 'bigint', value: (r) => r.big },
  { name: 'flag', type: 'boolean', value: (r) => r.flag },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'day', type: 'date', value: (r) => r.day },
  { name: 'ratio', type: 'float8', value: (r) => r.ratio },
  { name: 'doc', type: 'json', value: (r) => r.doc },
  { name: 'docb', type: 'jsonb', value: (r) => r.docb },
  { name: 'raw', type: 'json_text', value: (r) => r.raw },
  { name: 'tags', type: 'text[]', value: (r) => r.tags },
];

const TRICKY_TEXT = '引号"反斜杠\\ 换行\n制表\t{花括号,逗号} \'单引号\' 😀';

const ROWS: Row[] = [
  {
    name: TRICKY_TEXT, count: -7, big: 9_007_199_254_740_993n, flag: true, at: new Date('2026-03-04T05:06:07.089Z'),
    day: '2026-02-28', ratio: 0.1 + 0.2, doc: { 名: '值', nested: [1, 'two', null] }, docb: ['a', { b: 2 }],
    raw: '{"kept":"as text","n":1.50}', tags: ['甲', 'with "quote"', 'back\\slash', 'NULL', ''],
  },
  { name: null, count: null, big: null, flag: null, at: null, day: null, ratio: null, doc: null, docb: null, raw: null, tags: null },
  { name: '', count: 0, big: 0n, flag: false, at: new Date(0), day: '1970-01-01', ratio: -1e-300, doc: 'a json string', docb: 42, raw: '[]', tags: [] },
];

describe.each(BACKENDS)('bulk insert on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await test.db.sql.exec(`CREATE TABLE bulk_probe (id serial PRIMARY KEY, name text, count int, big bigint, flag boolean,
      at timestamptz, day date, ratio float8, doc json, docb jsonb, raw json, tags text[])`);
  });
  afterAll(async () => { await test.dispose(); });

  it('stores every cell type exactly, in input order, and answers RETURNING in that order', async () => {
    const returned = await bulkInsertReturning<Row, { id: number; name: string | null }>(test.db.prisma, 'bulk_probe', COLUMNS, ROWS, 'id, name');
    expect(returned.map((r) => r.name)).toEqual([TRICKY_TEXT, null, '']);
    const stored = await test.db.sql.query<Record<string, unknown>>(`SELECT name, count, big::text AS big, flag, at, day::text AS day, ratio, doc::text AS doc,
      docb, raw::text AS raw, tags FROM bulk_probe ORDER BY id`);
    expect(stored[0]).toMatchObject({
      name: TRICKY_TEXT, count: -7, big: '9007199254740993', flag: true, day: '2026-02-28', ratio: 0.1 + 0.2,
      docb: ['a', { b: 2 }], raw: '{"kept":"as text","n":1.50}', tags: ['甲', 'with "quote"', 'back\\slash', 'NULL', ''],
    });
    expect(new Date(stored[0]!.at as string).toISOString()).toBe('2026-03-04T05:06:07.089Z');
    expect(JSON.parse(stored[0]!.doc as string)).toEqual({ 名: '值', nested: [1, 'two', null] });
    expect(Object.values(stored[1]!).every((v) => v === null)).toBe(true);
    expect(stored[2]).toMatchObject({ name: '', count: 0, big: '0', flag: false, day: '1970-01-01', ratio: -1e-300, doc: '"a json string"', docb: 42, raw: '[]', tags: [] });
  });

  it('refuses a non-finite float instead of storing it as null', async () => {
    await expect(bulkInsert(test.db.prisma, 'bulk_probe', COLUMNS, [{ ...ROWS[1]!, ratio: Number.NaN }])).rejects.toThrow(/not finite/);
  });

  it('inserts nothing for no rows', async () => {
    expect(await bulkInsert(test.db.prisma, 'bulk_probe', COLUMNS, [])).toBe(0);
  });
});
