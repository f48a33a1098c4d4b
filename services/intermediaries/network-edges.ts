/**
 * The weighted network, as edges computed in SQL. Nodes are agents (`p:` + ID number), phones
 * (`m:`) and booker accounts (`a:`); two nodes are linked when one transaction carries both.
 * An identifier links only when 2..maxSharers distinct people used it in the window and it is
 * not a registered organisation's or clerk's phone; rarer identifiers weigh more (1/ln(1+n)).
 * An identifier tied to one node only (a client's own phone, written by their agent) says
 * nothing about who works with whom and is left out here, in SQL: at a million transactions
 * most edges are such ties, and shipping them to the process only to drop them costs memory.
 *
 * One statement gives both the edges and the heavy ties (identifiers above maxSharers), so the
 * per-identifier count of people is made once. Distinct counts are taken by hashing distinct
 * pairs first (count(DISTINCT …) sorts millions of rows); weights are rounded so that the sum
 * does not depend on the order the rows were added in, on either back end.
 */
import type { Reader } from './reader.ts';
import { REGISTERED_PHONES_SQL, type Window } from './window.ts';

export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly weight: number;
  readonly transactions: number;
}

/** A tie between an agent and an identifier too common to link ordinary people. */
export interface HeavyTie {
  readonly agent: string;
  readonly token: string;
  readonly sharers: number;
  readonly transactions: number;
}

const NETWORK_SQL = `
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
  SELECT a.token AS source, b.token AS target, round(sum(a.r * b.r)::numeric, 9)::float8 AS weight, count(*)::int AS transactions
  FROM node a JOIN node b ON a.seq = b.seq AND a.token < b.token
  GROUP BY 1, 2),
degree AS (SELECT n, count(*) AS d FROM (SELECT source AS n FROM edge UNION ALL SELECT target FROM edge) e GROUP BY n)
SELECT 'edge' AS kind, e.source AS a, e.target AS b, e.weight, e.transactions, 0 AS sharers FROM edge e
JOIN degree ds ON ds.n = e.source JOIN degree dt ON dt.n = e.target
WHERE (e.source LIKE 'p:%' OR ds.d >= 2) AND (e.target LIKE 'p:%' OR dt.d >= 2)
UNION ALL
SELECT 'heavy', t.agent_id_number, t.token, 0, count(*)::int, u.n FROM tok t JOIN users u ON u.token = t.token
WHERE u.n > $3 AND t.agent_id_number IS NOT NULL GROUP BY t.agent_id_number, t.token, u.n
ORDER BY 1, 2, 3`;

interface Row extends Record<string, unknown> { kind: 'edge' | 'heavy'; a: string; b: string; weight: number; transactions: number; sharers: number }

/**
 * The network's edges, and agents' ties to identifiers used by more than maxSharers people.
 * Heavy ties never link ordinary people; the detector lets them link only people who are
 * suspects on their own evidence, because a tout's hotline written on sixty clients' records
 * is the ring's, not noise.
 */
export async function networkGraph(sql: Reader, window: Window, maxSharers: number): Promise<{ edges: NetworkEdge[]; heavy: HeavyTie[] }> {
  const rows = await sql.query<Row>(NETWORK_SQL, [window.from, window.to, maxSharers]);
  const edges: NetworkEdge[] = [];
  const heavy: HeavyTie[] = [];
  for (const r of rows) {
    if (r.kind === 'edge') edges.push({ source: r.a, target: r.b, weight: Number(r.weight), transactions: r.transactions });
    else heavy.push({ agent: r.a, token: r.b, sharers: r.sharers, transactions: r.transactions });
  }
  return { edges, heavy };
}
