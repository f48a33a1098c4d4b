/**
 * Agent–handler affinity. The expected number of an agent's cases a handler takes is the
 * handler's share of the same station and business type, summed over the agent's cases: an
 * agent who only goes to a dealer outlet with two clerks is not "concentrated" on them, and
 * an auxiliary who may not take transfers is not a missed favourite.
 */
import { binomialUpperTail } from './stats.ts';

export interface AgentHandlerPair {
  readonly agent: string;
  readonly handler: string;
  readonly observed: number;
  readonly total: number;
  readonly expected: number;
  readonly lift: number;
  readonly pValue: number;
}

/** Pairs seen fewer times than this cannot be told from chance and are not tested. */
export const MIN_PAIR = 4;

/**
 * The same pairs for a few agents, as CTEs over `rows` (their window rows: agent_id_number,
 * station_code, type, handler_id), against the handler shares the last full run stored: an
 * incremental update cannot afford to count whole stations. With unchanged shares the
 * expectation is the full run's exactly (Σ cases × share = Σ cases × handler's / cell's count).
 * The pairs are in `pairs` (agent, handler, observed, total, expected). Joins are written in
 * the order they should run (the scoped read keeps the written order): an agent's cells with
 * their handlers' shares, then the agent's frequent handlers among them.
 */
export const scopedPairsSql = (rows: string, minPair: string): string => `
agent_cell AS (SELECT agent_id_number AS agent, station_code, type, count(*)::float8 AS n FROM ${rows} GROUP BY 1, 2, 3),
pair AS (SELECT agent_id_number AS agent, handler_id, count(*)::int AS n FROM ${rows} GROUP BY 1, 2 HAVING count(*) >= ${minPair}),
expected AS (
  SELECT p.agent, p.handler_id, sum(ac.n * s.share) AS e
  FROM agent_cell ac JOIN intermediary_handler_share s ON s.station_code = ac.station_code AND s.type = ac.type
  JOIN pair p ON p.agent = ac.agent AND p.handler_id = s.handler_id
  GROUP BY 1, 2),
totals AS (SELECT agent, sum(n)::int AS n FROM agent_cell GROUP BY 1),
pairs AS (
  SELECT p.agent, p.handler_id AS handler, p.n AS observed, t.n AS total, e.e AS expected
  FROM pair p JOIN totals t ON t.agent = p.agent JOIN expected e ON e.agent = p.agent AND e.handler_id = p.handler_id)`;

export interface PairRow extends Record<string, unknown> { agent: string; handler: string; observed: number; total: number; expected: number }

/** Pairs with their binomial tails, most significant first. */
export function toPairs(rows: readonly PairRow[]): AgentHandlerPair[] {
  return rows.map((r) => {
    const expected = Number(r.expected);
    const p = Math.min(1, expected / r.total);
    return {
      agent: r.agent, handler: r.handler, observed: r.observed, total: r.total, expected,
      lift: expected > 0 ? r.observed / expected : Number.POSITIVE_INFINITY,
      pValue: binomialUpperTail(r.observed, r.total, p),
    };
  }).sort((a, b) => a.pValue - b.pValue || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.handler < b.handler ? -1 : 1));
}

/** Each handler's share of its station's cases of one type over the window, for the incremental update. */
export const HANDLER_SHARES_SQL = `
WITH w AS (SELECT station_code, type, handler_id FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
cell AS (SELECT station_code, type, count(*)::float8 AS n FROM w GROUP BY 1, 2),
cell_h AS (SELECT station_code, type, handler_id, count(*)::float8 AS n FROM w GROUP BY 1, 2, 3)
SELECT h.station_code, h.type, h.handler_id, h.n / c.n AS share FROM cell_h h JOIN cell c ON c.station_code = h.station_code AND c.type = h.type`;
