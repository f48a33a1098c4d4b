import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { idNumberCheckChar } from '../domain/check-digits.ts';
import { importReference } from '../ingest/reference-data.ts';
import { createWorld, type SimTransaction } from '../simulator/index.ts';
import { scopedAgentFeatures } from './agent-features.ts';
import { MIN_PAIR, toPairs, type AgentHandlerPair, type PairRow } from './collusion.ts';
import { resolveOptions } from './detect.ts';
import { runnerReader } from './reader.ts';
import { ingestSimulated } from './simulated-world.ts';
import { agentFeatures } from './window-features.ts';
import { resolveWindow, type Window } from './window.ts';

const WORLD = { days: 12, perDay: 250, seed: 'window-features-test', tier: 'medium' } as const;

/** The statement the full run used before it counted in this process: the oracle for the pairs. */
const PAIRS_SQL = `
WITH w AS (SELECT station_code, type, handler_id, agent_id_number FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
cell AS (SELECT station_code, type, count(*)::float8 AS n FROM w GROUP BY 1, 2),
cell_h AS (SELECT station_code, type, handler_id, count(*)::float8 AS n FROM w GROUP BY 1, 2, 3),
agent_cell AS (SELECT agent_id_number AS agent, station_code, type, count(*)::float8 AS n FROM w WHERE agent_id_number IS NOT NULL GROUP BY 1, 2, 3),
pair AS (SELECT agent_id_number AS agent, handler_id, count(*)::int AS n FROM w WHERE agent_id_number IS NOT NULL GROUP BY 1, 2 HAVING count(*) >= $3),
expected AS (
  SELECT p.agent, p.handler_id, sum(ac.n * ch.n / c.n) AS e
  FROM pair p JOIN agent_cell ac ON ac.agent = p.agent
  JOIN cell_h ch ON ch.station_code = ac.station_code AND ch.type = ac.type AND ch.handler_id = p.handler_id
  JOIN cell c ON c.station_code = ac.station_code AND c.type = ac.type
  GROUP BY 1, 2),
totals AS (SELECT agent, sum(n)::int AS n FROM agent_cell GROUP BY 1)
SELECT p.agent, p.handler_id AS handler, p.n AS observed, t.n AS total, e.e AS expected
FROM pair p JOIN totals t ON t.agent = p.agent JOIN expected e ON e.agent = p.agent AND e.handler_id = p.handler_id`;

function idNumber(serial: number): string {
  const first17 = `33010619800101${String(serial).padStart(3, '0')}`;
  return first17 + (idNumberCheckChar(first17) as string);
}

const AGENT = idNumber(900);
const byPair = (a: AgentHandlerPair, b: AgentHandlerPair) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.handler < b.handler ? -1 : 1);

/**
 * Cases that take the rarely used paths, all for one agent whose home is 文三路1号: an
 * applicant at that address (kin), one without an address (kinship unknown in SQL), names with
 * leading spaces, a compound surname, a character outside the basic plane, and a name holding
 * the scan's field separator (its chunk is read again row by row).
 */
function oddCases(template: SimTransaction, last: number): SimTransaction[] {
  const names = ['王五', '  欧阳明', '𠮷田', `李\u001f四`, '张三', ' 司马光 '];
  const addresses = ['杭州市西湖区文三路1号', null, '杭州市西湖区文三路2号', '杭州市西湖区文三路2号', '杭州市西湖区文三路3号', '杭州市西湖区文三路3号'];
  return names.map((name, i) => ({
    ...template, id: `ODD-${i}`, version: 1, acceptedAt: new Date(last - (i + 1) * 60_000).toISOString(), completedAt: null, channel: 'COUNTER',
    applicant: { ...template.applicant, kind: 'PERSON', idNumber: idNumber(i + 1), name, phone: `1390000000${i % 3}`, address: addresses[i] ?? null } as SimTransaction['applicant'],
    agent: { ...(template.agent as NonNullable<SimTransaction['agent']>), idNumber: AGENT, name: '赵代办', phone: '13966669999', address: '杭州市西湖区文三路1号', orgCode: null },
    appointment: null, vehicle: null, materials: [], photos: [],
  }));
}

describe.each(BACKENDS)('the full run\'s agent aggregates counted in this process on %s', (kind) => {
  let test: TestDatabase;
  let window: Window;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const world = createWorld(WORLD);
    expect((await importReference(test.db, world.reference, 'test')).ok).toBe(true);
    const all = [...world.transactions];
    const last = Math.max(...all.map((t) => Date.parse(t.acceptedAt)));
    await ingestSimulated(test.db, [...all, ...oddCases(all.find((t) => t.agent !== null)!, last)]);
    window = (await resolveWindow(test.db.sql, null, 90))!;
  }, 120_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('equal the one-statement aggregates of the incremental update for every agent', async () => {
    const o = resolveOptions({});
    const full = await agentFeatures(runnerReader(test.db.sql), window, o);
    const agents = full.features.map((f) => f.agent);
    expect(agents).toContain(AGENT);
    const scoped = await scopedAgentFeatures(runnerReader(test.db.sql), window, o, agents);
    expect(full.features).toEqual(scoped.features);
    const odd = full.features.find((f) => f.agent === AGENT)!;
    // Kin at the agent's home; the address-less applicant counts neither way; the two 文三路2号 and
    // the two 文三路3号 applicants are households only where surnames match (none do).
    expect(odd).toMatchObject({ transactions: 6, principals: 6, kin: 1, unrelated: 4 });
  });

  it('give the same agent–handler pairs as the set-based statement did', async () => {
    const full = await agentFeatures(runnerReader(test.db.sql), window, resolveOptions({}));
    const oracle = toPairs(await test.db.sql.query<PairRow>(PAIRS_SQL, [window.from, window.to, MIN_PAIR])).sort(byPair);
    const pairs = [...full.pairs].sort(byPair);
    expect(pairs.length).toBeGreaterThan(10);
    expect(pairs.map((p) => [p.agent, p.handler, p.observed, p.total])).toEqual(oracle.map((p) => [p.agent, p.handler, p.observed, p.total]));
    // Sums of the same terms in another order: equal to the last bits.
    pairs.forEach((p, i) => expect(p.expected).toBeCloseTo(oracle[i]!.expected, 9));
  });
});
