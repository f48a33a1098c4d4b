/**
 * The weighted network, as edges computed in SQL. Nodes are agents (`p:` + ID number), phones
 * (`m:`) and booker accounts (`a:`); two nodes are linked when one transaction carries both.
 * An identifier links only when 2..maxSharers distinct people used it in the window and it is
 * not a registered organisation's or clerk's phone; rarer identifiers weigh more (1/ln(1+n)).
 */
import type { SqlRunner } from '../platform/db.ts';
import { REGISTERED_PHONES_SQL, type Window } from './window.ts';

export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly weight: number;
  readonly transactions: number;
}

/** The window's identifiers (tokens) and how many distinct people used each. */
const TOKENS_CTE = `
WITH w AS (
  SELECT seq, applicant_key, agent_id_number, applicant_phone, agent_phone, booker_phone, booker_account
  FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
registered AS (${REGISTERED_PHONES_SQL}),
tok AS (
  SELECT w.seq, w.applicant_key, w.agent_id_number, v.token FROM w
  CROSS JOIN LATERAL (VALUES ('m:' || w.applicant_phone), ('m:' || w.agent_phone), ('m:' || w.booker_phone), ('a:' || w.booker_account)) v(token)
  WHERE v.token IS NOT NULL),
users AS (
  SELECT token, count(DISTINCT person)::int AS n FROM (
    SELECT token, applicant_key AS person FROM tok
    UNION ALL SELECT token, 'P:' || agent_id_number FROM tok WHERE agent_id_number IS NOT NULL) u
  GROUP BY token`;

const EDGES_SQL = `${TOKENS_CTE}),
eligible AS (
  SELECT token, 1.0 / ln(1 + n) AS r FROM users
  WHERE n BETWEEN 2 AND $3 AND NOT (token LIKE 'm:%' AND substr(token, 3) IN (SELECT phone FROM registered))),
node AS (
  SELECT DISTINCT t.seq, t.token, e.r FROM tok t JOIN eligible e ON e.token = t.token
  UNION SELECT seq, 'p:' || agent_id_number, 1.0 FROM w WHERE agent_id_number IS NOT NULL)
SELECT a.token AS source, b.token AS target, sum(a.r * b.r)::float8 AS weight, count(DISTINCT a.seq)::int AS transactions
FROM node a JOIN node b ON a.seq = b.seq AND a.token < b.token
GROUP BY 1, 2 ORDER BY 1, 2`;

interface EdgeRow extends Record<string, unknown> { source: string; target: string; weight: number; transactions: number }

export async function networkEdges(sql: SqlRunner, window: Window, maxSharers: number): Promise<NetworkEdge[]> {
  const rows = await sql.query<EdgeRow>(EDGES_SQL, [window.from, window.to, maxSharers]);
  return rows.map((r) => ({ source: r.source, target: r.target, weight: Number(r.weight), transactions: r.transactions }));
}

/** A tie between an agent and an identifier too common to link ordinary people. */
export interface HeavyTie {
  readonly agent: string;
  readonly token: string;
  readonly sharers: number;
  readonly transactions: number;
}

const HEAVY_SQL = `${TOKENS_CTE} HAVING count(DISTINCT person) > $3)
SELECT tok.agent_id_number AS agent, tok.token, u.n AS sharers, count(DISTINCT tok.seq)::int AS transactions
FROM tok JOIN users u ON u.token = tok.token
WHERE tok.agent_id_number IS NOT NULL AND NOT (tok.token LIKE 'm:%' AND substr(tok.token, 3) IN (SELECT phone FROM registered))
GROUP BY 1, 2, 3 ORDER BY 1, 2`;

interface HeavyRow extends Record<string, unknown> { agent: string; token: string; sharers: number; transactions: number }

/**
 * Agents' ties to identifiers used by more than maxSharers people. These never link ordinary
 * people; the detector lets them link only people who are suspects on their own evidence,
 * because a tout's hotline written on sixty clients' records is the ring's, not noise.
 */
export async function heavyTies(sql: SqlRunner, window: Window, maxSharers: number): Promise<HeavyTie[]> {
  return sql.query<HeavyRow>(HEAVY_SQL, [window.from, window.to, maxSharers]);
}
