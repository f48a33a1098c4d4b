import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { importReference } from '../ingest/reference-data.ts';
import { createWorld } from '../simulator/index.ts';
import { afterRings } from './after-rings.ts';
import { handlerCells } from './handler-cells.ts';
import { concentrationRows, type ConcentrationUnit } from './handler-concentration.ts';
import { detectInWindow, resolveOptions } from './detect.ts';
import { runnerReader } from './reader.ts';
import { ringIdentifiers } from './ring-identifiers.ts';
import { ingestSimulated } from './simulated-world.ts';
import type { DetectionResult } from './types.ts';
import { resolveWindow, type Window } from './window.ts';

const WORLD = { days: 20, perDay: 300, seed: 'after-rings-test', tier: 'medium' } as const;

/** The three statements the detector used before it scanned the window once: the oracles. */
const CONCENTRATION_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(unit, key)),
w AS MATERIALIZED (SELECT seq, station_code, type, handler_id FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
cell AS (SELECT station_code, type, count(*)::float8 AS n FROM w GROUP BY 1, 2),
cell_h AS (SELECT station_code, type, handler_id, count(*)::float8 AS n FROM w GROUP BY 1, 2, 3),
hits AS (
  SELECT seq, 'p:' || agent_id_number AS key, 0 AS rank FROM transaction WHERE agent_id_number = ANY($5::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, 'm:' || applicant_phone, 1 FROM transaction WHERE applicant_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, 'm:' || booker_phone, 1 FROM transaction WHERE booker_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, 'a:' || booker_account, 1 FROM transaction WHERE booker_account = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2),
assigned AS (SELECT DISTINCT ON (h.seq) h.seq, k.unit FROM hits h JOIN k ON k.key = h.key ORDER BY h.seq, h.rank, k.unit),
mine AS (SELECT w.*, a.unit FROM w JOIN assigned a ON a.seq = w.seq),
unit_cell AS (SELECT unit, station_code, type, count(*)::float8 AS n FROM mine GROUP BY 1, 2, 3),
expected AS (
  SELECT uc.unit, ch.handler_id, sum(uc.n * ch.n / c.n) AS e FROM unit_cell uc
  JOIN cell_h ch ON ch.station_code = uc.station_code AND ch.type = uc.type
  JOIN cell c ON c.station_code = uc.station_code AND c.type = uc.type GROUP BY 1, 2),
observed AS (SELECT unit, handler_id, count(*)::int AS n FROM mine GROUP BY 1, 2)
SELECT e.unit AS agent, e.handler_id AS handler, coalesce(o.n, 0)::int AS observed, e.e AS expected
FROM expected e LEFT JOIN observed o ON o.unit = e.unit AND o.handler_id = e.handler_id`;

const ACTIVITY_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(ring, key)),
hits AS (
  SELECT seq, accepted_at, 'p:' || agent_id_number AS key FROM transaction WHERE agent_id_number = ANY($5::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || applicant_phone FROM transaction WHERE applicant_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || agent_phone FROM transaction WHERE agent_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || booker_phone FROM transaction WHERE booker_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'a:' || booker_account FROM transaction WHERE booker_account = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2)
SELECT k.ring, count(DISTINCT hits.seq)::int AS n, min(hits.accepted_at) AS first_seen, max(hits.accepted_at) AS last_seen
FROM hits JOIN k ON k.key = hits.key GROUP BY k.ring`;

const USES_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(ring, key)),
mem AS (SELECT * FROM unnest($5::text[], $6::text[]) AS m(ring, agent)),
hits AS (
  SELECT seq, accepted_at, agent_id_number, 'm:' || applicant_phone AS key FROM transaction
  WHERE applicant_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'm:' || agent_phone FROM transaction
  WHERE agent_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'm:' || booker_phone FROM transaction
  WHERE booker_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'a:' || booker_account FROM transaction
  WHERE booker_account = ANY($8::text[]) AND accepted_at > $1 AND accepted_at <= $2)
SELECT k.ring, k.key, (count(DISTINCT h.agent_id_number) FILTER (WHERE mem.agent IS NOT NULL))::int AS members,
       count(DISTINCT h.seq)::int AS transactions, min(h.accepted_at) AS first_seen, max(h.accepted_at) AS last_seen
FROM k JOIN hits h ON h.key = k.key LEFT JOIN mem ON mem.ring = k.ring AND mem.agent = h.agent_id_number
GROUP BY 1, 2
HAVING count(DISTINCT h.agent_id_number) FILTER (WHERE mem.agent IS NOT NULL) >= 2 OR count(DISTINCT h.seq) >= 2`;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe.each(BACKENDS)('the scan after the rings are found on %s', (kind) => {
  let test: TestDatabase;
  let window: Window;
  let detected: DetectionResult;
  let units: ConcentrationUnit[];
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const world = createWorld(WORLD);
    expect((await importReference(test.db, world.reference, 'test')).ok).toBe(true);
    await ingestSimulated(test.db, world.transactions);
    window = (await resolveWindow(test.db.sql, null, 90))!;
    detected = (await detectInWindow(test.db.sql, window, resolveOptions({}))).result;
    const agents = [...new Set([...detected.suspects.map((s) => s.idNumber), ...detected.rings.flatMap((r) => r.members)])].sort();
    units = [
      ...agents.map((a) => ({ unit: a, keys: [`p:${a}`] })),
      ...detected.rings.map((r) => ({ unit: r.ringId, keys: [...r.phones.map((p) => `m:${p}`), ...r.bookerAccounts.map((a) => `a:${a}`)] })),
    ];
  }, 180_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('finds rings to compare on', () => {
    expect(detected.rings.length).toBeGreaterThan(0);
    expect(detected.suspects.length).toBeGreaterThan(5);
  });

  it('assigns and counts the units\' cases as the concentration statement did', async () => {
    const pairs = units.flatMap((u) => u.keys.map((key) => [u.unit, key] as const));
    const values = (prefix: string) => [...new Set(pairs.map(([, k]) => k).filter((k) => k.startsWith(prefix)).map((k) => k.slice(2)))];
    const oracle = await test.db.sql.query<{ agent: string; handler: string; observed: number; expected: number }>(CONCENTRATION_SQL,
      [window.from, window.to, pairs.map(([u]) => u), pairs.map(([, k]) => k), values('p:'), values('m:'), values('a:')]);
    const seen = await afterRings(runnerReader(test.db.sql), window, units, detected.rings);
    const rows = concentrationRows(seen.unitCases, await handlerCells(runnerReader(test.db.sql), window));
    const key = (r: { agent: string; handler: string }) => `${r.agent} ${r.handler}`;
    const sortRows = <T extends { agent: string; handler: string }>(list: T[]) => [...list].sort((a, b) => byText(key(a), key(b)));
    expect(rows.length).toBeGreaterThan(20);
    expect(sortRows(rows).map((r) => [key(r), r.observed])).toEqual(sortRows(oracle).map((r) => [key(r), r.observed]));
    sortRows(rows).forEach((r, i) => expect(r.expected).toBeCloseTo(Number(sortRows(oracle)[i]!.expected), 9));
  });

  it('counts each ring\'s activity and its identifiers\' uses as the statements did', async () => {
    const rings = detected.rings;
    const seen = await afterRings(runnerReader(test.db.sql), window, units, rings);
    const ids: string[] = [];
    const keys: string[] = [];
    for (const r of rings) for (const k of [...r.members.map((p) => `p:${p}`), ...r.phones.map((p) => `m:${p}`), ...r.bookerAccounts.map((a) => `a:${a}`)]) { ids.push(r.ringId); keys.push(k); }
    const prefixed = (prefix: string) => [...new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2)))];
    const activity = await test.db.sql.query<{ ring: string; n: number; first_seen: Date; last_seen: Date }>(ACTIVITY_SQL,
      [window.from, window.to, ids, keys, prefixed('p:'), prefixed('m:'), prefixed('a:')]);
    expect(activity.length).toBe(rings.length);
    for (const a of activity) {
      expect(seen.activity.get(a.ring), a.ring).toMatchObject({ transactions: a.n, first: new Date(a.first_seen).getTime(), last: new Date(a.last_seen).getTime() });
    }
    const pairs = rings.flatMap((r) => [...r.phones.map((p) => [r.ringId, `m:${p}`] as const), ...r.bookerAccounts.map((a) => [r.ringId, `a:${a}`] as const)]);
    const members = rings.flatMap((r) => r.members.map((m) => [r.ringId, m] as const));
    const uses = await test.db.sql.query<{ ring: string; key: string; members: number; transactions: number; first_seen: Date; last_seen: Date }>(USES_SQL, [
      window.from, window.to, pairs.map(([r]) => r), pairs.map(([, k]) => k), members.map(([r]) => r), members.map(([, m]) => m),
      [...new Set(rings.flatMap((r) => r.phones))], [...new Set(rings.flatMap((r) => r.bookerAccounts))],
    ]);
    const shared = ringIdentifiers(rings, seen.identifierUses);
    const mine = [...shared].flatMap(([ring, list]) => list.map((s) => [ring, `${s.kind === 'phone' ? 'm:' : 'a:'}${s.value}`, s.members, s.transactions, s.firstSeen, s.lastSeen].join(' ')));
    const theirs = uses.map((u) => [u.ring, u.key, u.members, u.transactions, new Date(u.first_seen).toISOString(), new Date(u.last_seen).toISOString()].join(' '));
    expect(uses.length).toBeGreaterThan(0);
    expect(mine.sort()).toEqual(theirs.sort());
  });
});
