/**
 * Per-agent aggregates over the window, in two set-based queries: the agents' own details
 * (surname and home address, for the family rule), then one grouped pass over the window.
 * With a scope (the incremental update), the pass reads only the scope agents' transactions
 * and every window transaction sharing a phone or booking with them ($9), which is all the
 * counts of those agents depend on: the result for a scoped agent is the full run's, exactly.
 */
import { COMPOUND_SURNAMES, normaliseAddress } from '../domain/index.ts';
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

async function agentHomes(sql: Reader, window: Window, scope: readonly string[] | null): Promise<{ ids: string[]; homes: (string | null)[] }> {
  const rows = scope === null
    ? await sql.query<HomeRow>(
      `SELECT p.key, p.address FROM person p
       WHERE p.key IN (SELECT DISTINCT 'P:' || agent_id_number FROM transaction
                       WHERE accepted_at > $1 AND accepted_at <= $2 AND agent_id_number IS NOT NULL)`,
      [window.from, window.to])
    : await sql.query<HomeRow>('SELECT key, address FROM person WHERE key = ANY($1::text[])', [scope.map((a) => `P:${a}`)]);
  return {
    ids: rows.map((r) => r.key.slice(2)),
    homes: rows.map((r) => normaliseAddress(r.address)),
  };
}

/**
 * The seqs of the scope agents' window rows and of every window row sharing an identifier
 * with them, each branch read through its identifier index. Registered organisations' phones
 * are not followed: the counts leave them out anyway, and a fleet's office line is on
 * thousands of records. A statement of its own: handed to the grouped pass as an array
 * (unnested, so its length is known to the planner), the row count is known, and the planner
 * reads a few rows by seq but scans for many, and joins the counts by hashing instead of
 * nesting loops over CTEs it cannot estimate.
 */
const SCOPED_ROWS_SQL = `
WITH scope AS MATERIALIZED (SELECT seq, applicant_phone, booker_phone, booker_account, agent_phone FROM transaction
                            WHERE agent_id_number = ANY($3::text[]) AND accepted_at > $1 AND accepted_at <= $2),
registered AS (${REGISTERED_PHONES_SQL})
SELECT seq::text FROM scope
${['applicant_phone', 'booker_phone', 'booker_account', 'agent_phone'].map((column) => `UNION SELECT t.seq::text FROM transaction t
  WHERE t.${column} IN (SELECT ${column} FROM scope WHERE ${column} IS NOT NULL${column === 'booker_account' ? '' : ` AND ${column} NOT IN (SELECT phone FROM registered)`})
    AND t.accepted_at > $1 AND t.accepted_at <= $2`).join('\n')}`;

async function scopedSeqs(sql: Reader, window: Window, scope: readonly string[]): Promise<string[]> {
  return (await sql.query<{ seq: string }>(SCOPED_ROWS_SQL, [window.from, window.to, scope])).map((r) => r.seq);
}

/**
 * The grouped pass. `principal` folds a household (surname + normalised address) into one; an
 * applicant at the agent's own address is kin whatever the surname, because spouses keep
 * their own surnames in China and the R16 surname rule alone would count them as strangers.
 * Identifier counts are made only for identifiers on agents' rows (over all rows carrying
 * them), and by hashing distinct pairs rather than count(DISTINCT …), which sorts.
 */
const featuresSql = (scoped: boolean): string => `
WITH registered AS (${REGISTERED_PHONES_SQL}),
w AS (
  SELECT t.*, CASE WHEN t.applicant_kind = 'PERSON' AND t.applicant_address_norm IS NOT NULL AND ${surnameSql('t.applicant_name', '$3')} IS NOT NULL
                   THEN ${surnameSql('t.applicant_name', '$3')} || '|' || t.applicant_address_norm ELSE t.applicant_key END AS principal
  FROM transaction t ${scoped ? 'JOIN unnest($9::bigint[]) AS s(seq) ON s.seq = t.seq ' : ''}WHERE t.accepted_at > $1 AND t.accepted_at <= $2
),
agent_rows AS MATERIALIZED (SELECT applicant_phone, booker_phone, booker_account FROM w WHERE agent_id_number IS NOT NULL),
phone_use AS (
  SELECT phone, count(*) AS n FROM (
    SELECT DISTINCT applicant_phone AS phone, principal FROM w
    WHERE applicant_phone IN (SELECT applicant_phone FROM agent_rows) AND applicant_phone NOT IN (SELECT phone FROM registered)) d
  GROUP BY 1),
booker_use AS (
  SELECT k, count(*) AS n FROM (
    SELECT DISTINCT v.k, w.principal FROM w CROSS JOIN LATERAL (VALUES ('m:' || w.booker_phone), ('a:' || w.booker_account)) v(k)
    WHERE v.k IS NOT NULL AND coalesce(w.booker_phone, '') NOT IN (SELECT phone FROM registered)
      AND (w.booker_phone IN (SELECT booker_phone FROM agent_rows) OR w.booker_account IN (SELECT booker_account FROM agent_rows))) d
  GROUP BY 1),
agent_phone_use AS (
  SELECT phone, count(*) AS n FROM (
    SELECT DISTINCT agent_phone AS phone, agent_id_number FROM w
    WHERE agent_phone IS NOT NULL AND agent_phone NOT IN (SELECT phone FROM registered)) d
  GROUP BY 1),
homes AS (SELECT * FROM unnest($4::text[], $5::text[]) AS h(id, home)),
x AS (
  SELECT w.*, (h.home IS NOT NULL AND w.applicant_address_norm = h.home) AS kin,
         pu.n AS phone_n, greatest(bp.n, ba.n) AS booker_n, apu.n AS agent_phone_n, c.id_number IS NOT NULL AS clerk, o.kind AS org_kind
  FROM w LEFT JOIN homes h ON h.id = w.agent_id_number
  LEFT JOIN phone_use pu ON pu.phone = w.applicant_phone
  LEFT JOIN booker_use bp ON bp.k = 'm:' || w.booker_phone
  LEFT JOIN booker_use ba ON ba.k = 'a:' || w.booker_account
  LEFT JOIN agent_phone_use apu ON apu.phone = w.agent_phone
  LEFT JOIN organisation o ON o.org_code = w.agent_org_code
  LEFT JOIN organisation_clerk c ON c.org_code = w.agent_org_code AND c.id_number = w.agent_id_number
  WHERE w.agent_id_number IS NOT NULL${scoped ? ' AND w.agent_id_number = ANY($8::text[])' : ''})
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

/** Aggregates of every agent of the window, or only of `scope` (ID numbers). */
export async function agentFeatures(sql: Reader, window: Window, options: ResolvedOptions, scope: readonly string[] | null = null): Promise<AgentFeatures[]> {
  if (scope !== null && scope.length === 0) return [];
  const homes = await agentHomes(sql, window, scope);
  const params: unknown[] = [
    window.from, window.to, COMPOUND_SURNAMES, homes.ids, homes.homes,
    options.sharedPhoneMinPrincipals, options.hoardMinPrincipals,
  ];
  const rows = scope === null
    ? await sql.query<FeatureRow>(featuresSql(false), params)
    : await sql.query<FeatureRow>(featuresSql(true), [...params, scope, await scopedSeqs(sql, window, scope)]);
  return rows.map(toFeatures).sort((a, b) => (a.agent < b.agent ? -1 : 1));
}
