/**
 * Per-agent aggregates over the window for a few agents (the incremental update), in two
 * set-based queries: the agents' own details (surname and home address, for the family
 * rule), then one pass that reads only the scope agents' transactions and counts the window
 * transactions sharing a phone or booking with them, which is all the counts of those agents
 * depend on. The full run counts the same aggregates for every agent in this process
 * (window-features.ts); for a scoped agent the two give the same result, exactly. A hub's
 * identifiers that cannot count two are not looked up (hub-identifiers.ts).
 */
import { COMPOUND_SURNAMES, normaliseAddress } from '../domain/index.ts';
import { MIN_PAIR, scopedPairsSql, toPairs, type AgentHandlerPair, type PairRow } from './collusion.ts';
import { HUB_CTES, needsLookup, watermarkParams, type RunWatermark } from './hub-identifiers.ts';
import type { Reader } from './reader.ts';
import type { ResolvedOptions } from './types.ts';
import { REGISTERED_PHONES_SQL, surnameSql, type Window } from './window.ts';

export interface AgentFeatures {
  readonly agent: string;
  readonly phone: string | null;
  readonly transactions: number;
  /** Distinct applicants the agent acted for. */
  readonly principals: number;
  /** Distinct households among them that are not the agent's own (same surname + address count once). */
  readonly unrelated: number;
  /** Applicants at the agent's own address: relatives. */
  readonly kin: number;
  /** Unrelated principals whose record carries the agent's own phone. */
  readonly ownPhone: number;
  /** Unrelated principals whose record carries a phone also on other unrelated applicants' records. */
  readonly sharedPhone: number;
  /** Unrelated principals booked through a hoarding booker phone or account. */
  readonly hoarded: number;
  /** Other agents who gave the same phone as this one. */
  readonly phoneCoAgents: number;
  /** Transactions done as a registered clerk (agent on the clerk list of agent.orgCode). */
  readonly asClerk: number;
  readonly orgCode: string | null;
  readonly orgKind: string | null;
  readonly stations: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

interface HomeRow extends Record<string, unknown> { key: string; address: string | null }

async function agentHomes(sql: Reader, scope: readonly string[]): Promise<{ ids: string[]; homes: (string | null)[] }> {
  const rows = await sql.query<HomeRow>('SELECT key, address FROM person WHERE key = ANY($1::text[])', [scope.map((a) => `P:${a}`)]);
  return {
    ids: rows.map((r) => r.key.slice(2)),
    homes: rows.map((r) => normaliseAddress(r.address)),
  };
}

/** A household key: surname + normalised address folds a family into one principal (see the grouped pass). */
export const principalSql = (t: string, compoundsParam = '$3'): string => `CASE WHEN ${t}.applicant_kind = 'PERSON' AND ${t}.applicant_address_norm IS NOT NULL AND ${surnameSql(`${t}.applicant_name`, compoundsParam)} IS NOT NULL
  THEN ${surnameSql(`${t}.applicant_name`, compoundsParam)} || '|' || ${t}.applicant_address_norm ELSE ${t}.applicant_key END`;

/** The columns of a window row the pass needs, with its principal. */
const rowSql = (t: string): string => `${t}.applicant_key, ${t}.applicant_phone, ${t}.applicant_address_norm, ${t}.agent_id_number, ${t}.agent_phone,
  ${t}.agent_org_code, ${t}.booker_phone, ${t}.booker_account, ${t}.station_code, ${t}.accepted_at, ${principalSql(t)} AS principal`;

/** `x`: the agents' rows (`w`) with their identifiers' counts (`phone_use`, `booker_use`, `agent_phone_use`) and kinship. */
const rowsWithCountsSql = (bookerJoins: string): string => `
homes AS (SELECT * FROM unnest($4::text[], $5::text[]) AS h(id, home)),
x AS (
  SELECT w.*, (h.home IS NOT NULL AND w.applicant_address_norm = h.home) AS kin,
         pu.n AS phone_n, bp.n AS booker_phone_n, ba.n AS booker_account_n, greatest(bp.n, ba.n) AS booker_n, apu.n AS agent_phone_n, c.id_number IS NOT NULL AS clerk, o.kind AS org_kind
  FROM w LEFT JOIN homes h ON h.id = w.agent_id_number
  LEFT JOIN phone_use pu ON pu.phone = w.applicant_phone
  ${bookerJoins}
  LEFT JOIN agent_phone_use apu ON apu.phone = w.agent_phone
  LEFT JOIN organisation o ON o.org_code = w.agent_org_code
  LEFT JOIN organisation_clerk c ON c.org_code = w.agent_org_code AND c.id_number = w.agent_id_number
  WHERE w.agent_id_number IS NOT NULL)`;

/** Per agent, from `x`: the aggregates (and `extra` columns). */
const aggregatesSql = (): string => `
SELECT agent_id_number AS agent, mode() WITHIN GROUP (ORDER BY agent_phone) AS phone, count(*)::int AS transactions,
  count(DISTINCT applicant_key)::int AS principals,
  count(DISTINCT principal) FILTER (WHERE NOT kin)::int AS unrelated,
  count(DISTINCT applicant_key) FILTER (WHERE kin)::int AS kin,
  count(DISTINCT principal) FILTER (WHERE NOT kin AND applicant_phone = agent_phone)::int AS own_phone,
  count(DISTINCT principal) FILTER (WHERE NOT kin AND phone_n >= $6)::int AS shared_phone,
  count(DISTINCT principal) FILTER (WHERE NOT kin AND booker_n >= $7)::int AS hoarded,
  greatest(coalesce(max(agent_phone_n), 1) - 1, 0)::int AS phone_co_agents,
  count(*) FILTER (WHERE clerk)::int AS as_clerk,
  mode() WITHIN GROUP (ORDER BY agent_org_code) AS org_code, mode() WITHIN GROUP (ORDER BY org_kind) AS org_kind,
  count(DISTINCT station_code)::int AS stations, min(accepted_at) AS first_seen, max(accepted_at) AS last_seen
FROM x GROUP BY agent_id_number`;

/**
 * For each value of `column` on the agents' rows (`keys`: a subquery over w), how many distinct
 * `expression` the window rows carrying it have (the value is named `phone`, accounts too). One index scan for all the values (= ANY of
 * an array), then hashing: no per-value subplan, no join to plan.
 */
const usersOf = (name: string, column: string, keys: string, expression: string, extra = ''): string => `${name} AS (
  SELECT key AS phone, count(*) AS n FROM (
    SELECT DISTINCT t.${column} AS key, ${expression} AS v FROM transaction t
    WHERE t.${column} = ANY(ARRAY(${keys})) AND t.accepted_at > $1 AND t.accepted_at <= $2${extra}) d
  GROUP BY 1)`;

const UNREGISTERED = 'NOT IN (SELECT phone FROM registered)';

/** The values of `column` on the scope's rows to look up: for a hub's rows only those that can count two (hub-identifiers.ts). */
const lookedUp = (column: 'applicant_phone' | 'booker_phone' | 'booker_account', recorded: 'phones' | 'booker_phones' | 'booker_accounts'): string =>
  `SELECT DISTINCT w.${column} FROM w LEFT JOIN hub h ON h.agent = w.agent_id_number
   WHERE ${column === 'booker_account' ? 'w.booker_account IS NOT NULL' : `w.${column} ${UNREGISTERED}`} AND ${needsLookup(column, recorded)}`;

/**
 * The same pass for a few agents ($8): their window rows, and for each identifier on them the
 * count the full pass makes, over the window rows carrying it (read through its index), so
 * rows sharing an identifier are counted where they are found and never carried through the
 * joins. Registered phones are not followed: the counts leave them out anyway, and a fleet's
 * office line is on thousands of records. The agents' handler pairs (collusion.ts) come from
 * the same rows, as JSON. Run without nested loops (see withoutNestedLoops).
 */
const SCOPED_FEATURES_SQL = `
WITH registered AS (${REGISTERED_PHONES_SQL}),
w AS MATERIALIZED (SELECT ${rowSql('t')}, t.handler_id, t.type FROM transaction t WHERE t.agent_id_number = ANY($8::text[]) AND t.accepted_at > $1 AND t.accepted_at <= $2),
${HUB_CTES},
${usersOf('phone_use', 'applicant_phone', lookedUp('applicant_phone', 'phones'), principalSql('t'))},
${usersOf('booker_phone_use', 'booker_phone', lookedUp('booker_phone', 'booker_phones'), principalSql('t'))},
${usersOf('booker_account_use', 'booker_account', lookedUp('booker_account', 'booker_accounts'), principalSql('t'), ` AND coalesce(t.booker_phone, '') ${UNREGISTERED}`)},
${usersOf('agent_phone_use', 'agent_phone', `SELECT DISTINCT agent_phone FROM w WHERE agent_phone ${UNREGISTERED}`, 't.agent_id_number')},
${rowsWithCountsSql(`LEFT JOIN booker_phone_use bp ON bp.phone = w.booker_phone
  LEFT JOIN booker_account_use ba ON ba.phone = w.booker_account`)},
agg AS (${aggregatesSql()}),
${scopedPairsSql('w', '$9')},
agent_pairs AS (SELECT agent, json_agg(json_build_object('agent', agent, 'handler', handler, 'observed', observed, 'total', total, 'expected', expected)) AS pairs FROM pairs GROUP BY agent)
SELECT agg.*, ap.pairs FROM agg LEFT JOIN agent_pairs ap ON ap.agent = agg.agent`;

/**
 * Runs `read` with nested loops off, in the caller's database transaction (the setting is
 * local to it), and puts the setting back. A scope's row count is known only at run time (one
 * agent, or a chunk of busy clerks); a nested loop over tens of thousands of rows is the one
 * plan that cannot finish.
 */
async function withoutNestedLoops<T>(sql: Reader, read: () => Promise<T>): Promise<T> {
  const [before] = await sql.query<{ nestloop: string; collapse: string }>(
    `SELECT current_setting('enable_nestloop') AS nestloop, current_setting('join_collapse_limit') AS collapse,
            set_config('enable_nestloop', 'off', true), set_config('join_collapse_limit', '1', true)`);
  try {
    return await read();
  } finally {
    await sql.query("SELECT set_config('enable_nestloop', $1, true), set_config('join_collapse_limit', $2, true)", [before?.nestloop ?? 'on', before?.collapse ?? '8']);
  }
}

interface FeatureRow extends Record<string, unknown> {
  agent: string; phone: string | null; transactions: number; principals: number; unrelated: number; kin: number;
  own_phone: number; shared_phone: number; hoarded: number; phone_co_agents: number; as_clerk: number;
  org_code: string | null; org_kind: string | null; stations: number; first_seen: Date | string; last_seen: Date | string;
}

function toFeatures(r: FeatureRow): AgentFeatures {
  return {
    agent: r.agent, phone: r.phone, transactions: r.transactions, principals: r.principals, unrelated: r.unrelated, kin: r.kin,
    ownPhone: r.own_phone, sharedPhone: r.shared_phone, hoarded: r.hoarded, phoneCoAgents: r.phone_co_agents, asClerk: r.as_clerk,
    orgCode: r.org_code, orgKind: r.org_kind, stations: r.stations,
    firstSeen: new Date(r.first_seen).toISOString(), lastSeen: new Date(r.last_seen).toISOString(),
  };
}

async function parameters(sql: Reader, window: Window, options: ResolvedOptions, scope: readonly string[]): Promise<unknown[]> {
  const homes = await agentHomes(sql, scope);
  return [window.from, window.to, COMPOUND_SURNAMES, homes.ids, homes.homes, options.sharedPhoneMinPrincipals, options.hoardMinPrincipals];
}

const byAgent = (a: AgentFeatures, b: AgentFeatures) => (a.agent < b.agent ? -1 : 1);

interface ScopedRow extends FeatureRow { pairs: PairRow[] | string | null }

/**
 * Aggregates of a few agents (`scope`, ID numbers) and their handler pairs, in one read of their
 * rows. With the last full run's watermark, hubs' identifiers are looked up as hub-identifiers.ts says.
 */
export async function scopedAgentFeatures(sql: Reader, window: Window, options: ResolvedOptions, scope: readonly string[], mark: RunWatermark | null = null): Promise<{ features: AgentFeatures[]; pairs: AgentHandlerPair[] }> {
  if (scope.length === 0) return { features: [], pairs: [] };
  const thresholds = [options.sharedPhoneMinPrincipals, options.hoardMinPrincipals];
  const params = [...await parameters(sql, window, options, scope), scope, MIN_PAIR, ...watermarkParams(mark, thresholds)];
  const rows = await withoutNestedLoops(sql, () => sql.query<ScopedRow>(SCOPED_FEATURES_SQL, params));
  const pairs = rows.flatMap((r) => (typeof r.pairs === 'string' ? JSON.parse(r.pairs) as PairRow[] : r.pairs ?? []));
  return { features: rows.map(toFeatures).sort(byAgent), pairs: toPairs(pairs) };
}
