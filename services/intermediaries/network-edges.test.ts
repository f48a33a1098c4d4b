import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { networkGraph, roundAsNumeric, type HeavyTie } from './network-edges.ts';
import { loadSimulatedWorld } from './simulated-world.ts';
import { REGISTERED_PHONES_SQL, resolveWindow, type Window } from './window.ts';

/**
 * The network as the statement it replaced computed it (one SQL statement): the oracle the
 * JavaScript aggregation must match exactly, edges, weights and heavy ties.
 */
const ORACLE_SQL = `
WITH w AS (
  SELECT seq, applicant_key, agent_id_number, applicant_phone, agent_phone, booker_phone, booker_account
  FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
registered AS (${REGISTERED_PHONES_SQL}),
tok AS MATERIALIZED (
  SELECT DISTINCT w.seq, w.applicant_key, w.agent_id_number, v.token FROM w
  CROSS JOIN LATERAL (VALUES ('m:' || w.applicant_phone), ('m:' || w.agent_phone), ('m:' || w.booker_phone), ('a:' || w.booker_account)) v(token)
  WHERE v.token IS NOT NULL AND NOT (v.token LIKE 'm:%' AND substr(v.token, 3) IN (SELECT phone FROM registered))),
users AS MATERIALIZED (
  SELECT token, count(*)::int AS n FROM (
    SELECT token, applicant_key AS person FROM tok
    UNION SELECT token, 'P:' || agent_id_number FROM tok WHERE agent_id_number IS NOT NULL) u
  GROUP BY token),
node AS MATERIALIZED (
  SELECT t.seq, t.token, 1.0 / ln(1 + u.n) AS r FROM tok t JOIN users u ON u.token = t.token WHERE u.n BETWEEN 2 AND $3
  UNION ALL SELECT seq, 'p:' || agent_id_number, 1.0 FROM w WHERE agent_id_number IS NOT NULL),
edge AS MATERIALIZED (
  SELECT a.token AS source, b.token AS target, round(sum(a.r * b.r)::numeric, 9)::float8 AS weight
  FROM node a JOIN node b ON a.seq = b.seq AND a.token < b.token
  GROUP BY 1, 2),
degree AS (SELECT n, count(*) AS d FROM (SELECT source AS n FROM edge UNION ALL SELECT target FROM edge) e GROUP BY n)
SELECT a, b, weight, transactions, sharers FROM (
  SELECT e.source AS a, e.target AS b, e.weight, NULL::int AS transactions, 0 AS sharers FROM edge e
  JOIN degree ds ON ds.n = e.source JOIN degree dt ON dt.n = e.target
  WHERE (e.source LIKE 'p:%' OR ds.d >= 2) AND (e.target LIKE 'p:%' OR dt.d >= 2)
  UNION ALL
  SELECT t.agent_id_number, t.token, NULL, count(*)::int, u.n FROM tok t JOIN users u ON u.token = t.token
  WHERE u.n > $3 AND t.agent_id_number IS NOT NULL GROUP BY t.agent_id_number, t.token, u.n) r
ORDER BY sharers > 0, a, b`;

type Edge = readonly [a: string, b: string, weight: number];
interface Network { readonly edges: Edge[]; readonly heavy: HeavyTie[] }

/** Code-unit order, as the implementation sorts (the database's collation may differ). */
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

async function oracle(test: TestDatabase, window: Window, maxSharers: number): Promise<Network> {
  const rows = await test.db.sql.query<{ a: string; b: string; weight: number | null; transactions: number | null; sharers: number }>(
    ORACLE_SQL, [window.from, window.to, maxSharers]);
  const edges = rows.filter((r) => r.sharers === 0)
    .map((r): Edge => (r.a < r.b ? [r.a, r.b, Number(r.weight)] : [r.b, r.a, Number(r.weight)]))
    .sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]));
  const heavy = rows.filter((r) => r.sharers > 0)
    .map((r): HeavyTie => ({ agent: r.a, token: r.b, sharers: r.sharers, transactions: r.transactions ?? 0 }))
    .sort((x, y) => cmp(x.agent, y.agent) || cmp(x.token, y.token));
  return { edges, heavy };
}

async function computed(test: TestDatabase, window: Window, maxSharers: number): Promise<Network> {
  const { edges, heavy } = await networkGraph(test.db.sql, window, maxSharers);
  const list: Edge[] = [];
  for (let e = 0; e < edges.length; e++) list.push([edges.names[edges.source(e)] ?? '', edges.names[edges.target(e)] ?? '', edges.weight(e)]);
  return { edges: list, heavy };
}

/**
 * Rows the simulator does not make: a phone written twice on one line, registered phones, an
 * empty phone, an account shared far beyond maxSharers, missing agents and phones, an
 * applicant who is also an agent, and accounts whose order differs between collations.
 */
const EDGE_CASES = [
  'UPDATE transaction SET agent_phone = applicant_phone WHERE seq % 7 = 0 AND applicant_phone IS NOT NULL',
  `UPDATE transaction SET booker_phone = (SELECT min(phone) FROM (${REGISTERED_PHONES_SQL}) r) WHERE seq % 11 = 0`,
  `UPDATE transaction SET applicant_phone = (SELECT max(phone) FROM (${REGISTERED_PHONES_SQL}) r) WHERE seq % 29 = 0`,
  "UPDATE transaction SET booker_phone = '' WHERE seq % 31 = 0",
  "UPDATE transaction SET booker_account = 'HOT-ACCOUNT' WHERE seq % 13 = 0",
  'UPDATE transaction SET applicant_phone = NULL WHERE seq % 17 = 0',
  'UPDATE transaction SET agent_id_number = NULL WHERE seq % 19 = 0',
  "UPDATE transaction SET applicant_key = 'P:' || agent_id_number WHERE seq % 23 = 0 AND agent_id_number IS NOT NULL",
  "UPDATE transaction SET booker_account = CASE seq % 4 WHEN 0 THEN 'b-x' WHEN 1 THEN 'B-x' WHEN 2 THEN 'bx' ELSE '账户x' END WHERE seq % 37 < 8",
  "UPDATE transaction SET booker_account = 'shared-' || (seq % 5) WHERE seq % 41 = 1",
];

describe.each(BACKENDS)('network edges on %s', (kind) => {
  let test: TestDatabase;
  let full: Window;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await loadSimulatedWorld(test.db, { days: 20, perDay: 250, seed: 'network-edges', tier: 'medium' });
    for (const statement of EDGE_CASES) await test.db.sql.exec(statement);
    full = (await resolveWindow(test.db.sql, null, 90))!;
  }, 300_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('has the edge cases it means to test', async () => {
    const [row] = await test.db.sql.query<{ registered: number; hot: number }>(
      `SELECT (SELECT count(*)::int FROM (${REGISTERED_PHONES_SQL}) r) AS registered,
              (SELECT count(DISTINCT applicant_key)::int FROM transaction WHERE booker_account = 'HOT-ACCOUNT') AS hot`);
    expect(row?.registered).toBeGreaterThan(0);
    expect(row?.hot).toBeGreaterThan(50);
  });

  it.each([50, 3, 2, 1])('matches the SQL statement over the whole window, maxSharers %i', async (maxSharers) => {
    const expected = await oracle(test, full, maxSharers);
    expect(expected.edges.length).toBeGreaterThan(maxSharers > 1 ? 100 : -1);
    expect(expected.heavy.length).toBeGreaterThan(10);
    expect(await computed(test, full, maxSharers)).toEqual(expected);
  });

  it('matches it over a window whose bounds are rows\' acceptance times (from excluded, to included)', async () => {
    const bounds = await test.db.sql.query<{ at: Date | string }>(
      'SELECT accepted_at AS at FROM transaction ORDER BY accepted_at, seq OFFSET (SELECT count(*) / 4 FROM transaction) LIMIT 1');
    const last = await test.db.sql.query<{ at: Date | string }>(
      'SELECT accepted_at AS at FROM transaction ORDER BY accepted_at, seq OFFSET (SELECT count(*) * 3 / 4 FROM transaction) LIMIT 1');
    const window = { from: new Date(bounds[0]!.at), to: new Date(last[0]!.at) };
    const expected = await oracle(test, window, 10);
    expect(expected.edges.length).toBeGreaterThan(50);
    expect(await computed(test, window, 10)).toEqual(expected);
  });

  it('rounds weights as the database rounds a float8 to numeric(…, 9)', async () => {
    // Halves at the ninth decimal, on either side of the fifteenth significant digit, and
    // values past 10^5 (where fifteen digits no longer reach the ninth decimal).
    const values = [0.1234567894999999, 0.12345678950000001, 1.0000000005, 0.0000000005, 0.00000000049999, 2.5e-10, 6e-10,
      12345.1234567895, 99999.99999999951, 123456.123456789, 1e15 + 0.5, 3.14159265358979, 1 / Math.log(3), 7 / Math.log(51) / Math.log(4)];
    for (let i = 0; i < 200; i++) values.push((i + 0.5) / 1e9 * (1 + (i % 7 - 3) * 1e-14), Math.exp(i / 9 - 10), (1 + i) / Math.log(2 + (i % 49)));
    const rows = await test.db.sql.query<{ r: number }>(
      'SELECT round(x::numeric, 9)::float8 AS r FROM unnest($1::float8[]) WITH ORDINALITY u(x, i) ORDER BY i', [values]);
    expect(values.map(roundAsNumeric)).toEqual(rows.map((r) => Number(r.r)));
  });

  it('gives an empty network for an empty window', async () => {
    const window = { from: new Date('1990-01-01T00:00:00Z'), to: new Date('1990-02-01T00:00:00Z') };
    const { edges, heavy } = await networkGraph(test.db.sql, window, 50);
    expect(edges.length).toBe(0);
    expect(heavy).toEqual([]);
  });
});
