/**
 * Handler concentration: of all the suspects' cases, how many went to each handler, against
 * the number the handler's share of the same station and business type predicts. A ring
 * spreads its favours over its members, so one pooled test per handler sees what a test per
 * agent–handler pair can miss.
 */
import { forEachPage, type Reader } from './reader.ts';
import { poissonUpperTail } from './stats.ts';
import type { Window } from './window.ts';

export interface HandlerConcentration {
  readonly handler: string;
  readonly observed: number;
  readonly expected: number;
  readonly lift: number;
  readonly pValue: number;
  /** Suspects who brought this handler more cases than expected (ring units left out). */
  readonly agents: string[];
}

/**
 * Each transaction goes to one unit: its agent when the agent is a suspect, else the ring
 * whose phone or booker account it carries (a client sent alone still met the handler). The
 * units' transactions are found through the identifier indexes; the station × type shares
 * need the whole window.
 */
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

interface Row extends Record<string, unknown> { agent: string; handler: string; observed: number; expected: number }

/** `agent` is an agent's ID number, or a ring id for the ring's transactions without a suspect agent. */
export interface ConcentrationRow { readonly agent: string; readonly handler: string; readonly observed: number; readonly expected: number }

/** A unit of concentration: an agent (keys `p:` + ID number) or a ring (its phones `m:` and accounts `a:`). */
export interface ConcentrationUnit { readonly unit: string; readonly keys: readonly string[] }

/** Observed and expected cases per (unit, handler), in one query. */
export async function concentrationRows(sql: Reader, window: Window, units: readonly ConcentrationUnit[]): Promise<ConcentrationRow[]> {
  const pairs = units.flatMap((u) => u.keys.map((key) => [u.unit, key] as const));
  if (pairs.length === 0) return [];
  const values = (prefix: string) => [...new Set(pairs.map(([, k]) => k).filter((k) => k.startsWith(prefix)).map((k) => k.slice(2)))];
  const out: ConcentrationRow[] = [];
  await forEachPage<Row>(sql, 'intermediary_concentration', CONCENTRATION_SQL,
    [window.from, window.to, pairs.map(([u]) => u), pairs.map(([, k]) => k), values('p:'), values('m:'), values('a:')],
    (rows) => { for (const r of rows) out.push({ agent: r.agent, handler: r.handler, observed: r.observed, expected: Number(r.expected) }); });
  return out;
}

/** Pools the rows of a group of agents per handler and tests each handler (Poisson upper tail). */
export function poolByHandler(rows: readonly ConcentrationRow[], agents: ReadonlySet<string>): HandlerConcentration[] {
  const byHandler = new Map<string, ConcentrationRow[]>();
  for (const r of rows) {
    if (!agents.has(r.agent)) continue;
    const list = byHandler.get(r.handler);
    if (list) list.push(r);
    else byHandler.set(r.handler, [r]);
  }
  return [...byHandler].map(([handler, list]) => {
    const observed = list.reduce((sum, r) => sum + r.observed, 0);
    const expected = list.reduce((sum, r) => sum + r.expected, 0);
    return {
      handler, observed, expected, lift: expected > 0 ? observed / expected : Number.POSITIVE_INFINITY,
      pValue: poissonUpperTail(observed, expected),
      agents: list.filter((r) => !r.agent.startsWith('RING-') && r.observed >= 2 && r.observed > 1.5 * r.expected).map((r) => r.agent).sort(),
    };
  }).sort((a, b) => a.pValue - b.pValue || (a.handler < b.handler ? -1 : 1));
}

/** A handler favoured beyond chance: tail below this and at least this lift. */
export const CONCENTRATION_P = 1e-3;
export const CONCENTRATION_LIFT = 1.5;

export const isFavoured = (h: HandlerConcentration): boolean => h.pValue <= CONCENTRATION_P && h.lift >= CONCENTRATION_LIFT;

/**
 * Within one ring a handler is tested against only the handlers of the ring's stations, so a
 * looser tail is enough; the lift and count floors keep a couple of chance meetings out.
 */
export const RING_CONCENTRATION_P = 1e-2;
export const isRingFavoured = (h: HandlerConcentration): boolean => h.pValue <= RING_CONCENTRATION_P && h.lift >= 2 && h.observed >= 5;
