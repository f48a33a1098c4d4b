/**
 * Hub agents' identifiers, so that an incremental update of a hub reads only what can move.
 *
 * Rescoring an agent counts, for every phone, booker phone and booker account on their window
 * rows, the distinct principals of all window rows carrying it: one index search and a few
 * heap reads each. A registered clerk has a thousand cases, so that is thousands of random
 * reads at every ingest touching the clerk, most of them finding the one client the phone
 * belongs to. The full run therefore records, for each hub (HUB_ROWS window rows or more), the
 * identifiers on the hub's rows that two or more principals used; each ingest then adds to the
 * records of the hubs whose window rows carry one of its identifiers that identifier
 * (followNewTransactions, one statement, for every transaction beyond the records' `seen_seq`,
 * so transactions written without the hook are taken up by the next call). An update looks up
 * the recorded identifiers and those on transactions beyond `seen_seq`; the count of any other
 * identifier on a hub's row is exactly one, below every threshold (the shortcut is off for
 * thresholds under two):
 *   - the current window (L − days, L] with L ≥ F lies inside (F − days, ∞), F the run's end;
 *   - a row not written since the run was in the run's window with the same content, so the
 *     principals of those rows carrying the identifier were at most one at the run, and
 *     dropping rows (the window moving on) only lowers a distinct count;
 *   - a row written since put its identifiers into the records of the hubs carrying them, or
 *     is beyond `seen_seq` and read.
 * Ingestion is serialised by the ingest lock and takes seqs under it, so a row uncommitted when
 * the run took its watermark (max_seq, the first `seen_seq`) has a higher seq; a run with an
 * explicit end (asOf) records no hubs, as rows after its end were not counted. Records apply
 * only to the run that wrote them, and only while the registered phones (which the counts
 * leave out) are those it read.
 */
import { bulkInsert, type BulkColumn } from '../platform/bulk.ts';
import type { Tx } from '../platform/db.ts';
import type { Reader } from './reader.ts';
import { REGISTERED_PHONES_SQL } from './window.ts';

/** Agents with at least this many window rows are hubs (a clerk has about a thousand; a tout a hundred or two). */
export const HUB_ROWS = 200;

/** A hub's identifiers used by two or more principals over the full run's window. */
export interface HubIdentifiers {
  readonly agent: string;
  readonly phones: readonly string[];
  readonly bookerPhones: readonly string[];
  readonly bookerAccounts: readonly string[];
}

/** The last full run, for the shortcut: absent, every identifier is looked up. */
export interface RunWatermark {
  readonly runId: bigint;
  /** End of the run's window. */
  readonly asOf: Date;
  /** The hubs' `seen_seq` when read (a lower one only makes the update read more). */
  readonly seenSeq: bigint;
}

/** A digest of the registered phones (run inside a statement that has the `registered` CTE). */
const REGISTERED_DIGEST_SQL = "SELECT md5(coalesce(string_agg(phone, ',' ORDER BY phone), '')) FROM registered";

/** The digest as the full run reads it, before detection. */
export async function registeredDigest(sql: Reader): Promise<string> {
  const [row] = await sql.query<{ digest: string }>(`WITH registered AS (${REGISTERED_PHONES_SQL}) SELECT (${REGISTERED_DIGEST_SQL}) AS digest`);
  return row?.digest ?? '';
}

interface HubRow { readonly hub: HubIdentifiers; readonly registered: string; readonly runId: bigint }

const COLUMNS: readonly BulkColumn<HubRow>[] = [
  { name: 'agent_id_number', type: 'text', value: (r) => r.hub.agent },
  { name: 'phones', type: 'text[]', value: (r) => r.hub.phones },
  { name: 'booker_phones', type: 'text[]', value: (r) => r.hub.bookerPhones },
  { name: 'booker_accounts', type: 'text[]', value: (r) => r.hub.bookerAccounts },
  { name: 'registered', type: 'text', value: (r) => r.registered },
  { name: 'run_id', type: 'bigint', value: (r) => r.runId },
];

/** The full run: every hub's record replaced; `maxSeq` its watermark. */
export async function replaceHubs(tx: Tx, hubs: readonly HubIdentifiers[], registered: string, runId: bigint, maxSeq: bigint | null): Promise<void> {
  await tx.$executeRawUnsafe('DELETE FROM intermediary_hub');
  await tx.$executeRawUnsafe('DELETE FROM intermediary_hub_state');
  for (let i = 0; i < hubs.length; i += 5_000) await bulkInsert(tx, 'intermediary_hub', COLUMNS, hubs.slice(i, i + 5_000).map((hub) => ({ hub, registered, runId })));
  await tx.$executeRawUnsafe('INSERT INTO intermediary_hub_state (run_id, seen_seq) VALUES ($1::bigint, $2::bigint)', runId.toString(), (maxSeq ?? 0n).toString());
}

/** `column` values of `rows` to follow: registered phones link no one and are on thousands of records. */
const followed = (column: string): string => column === 'booker_account'
  ? 'ARRAY(SELECT DISTINCT booker_account FROM batch WHERE booker_account IS NOT NULL)'
  : `ARRAY(SELECT ${column} FROM batch WHERE ${column} IS NOT NULL EXCEPT SELECT phone FROM registered)`;

/** Adds to `mine` the values of `theirs` (both text arrays), once each. */
const merged = (mine: string, theirs: string): string => `ARRAY(SELECT unnest(${mine}) UNION SELECT unnest(${theirs}))`;

/**
 * Transactions beyond `seen_seq` ($1 the run, $2 the window's start): each hub whose window rows
 * carry one of their identifiers (in the role it is counted in) gets it added to its record,
 * and `seen_seq` moves past them. Normally the batch being ingested: a few index searches.
 * The rows carrying the identifiers are found through the identifiers' indexes, one branch per
 * role: with one statement ORing the three roles the planner drove from the hubs instead,
 * reading every hub's window rows (a million-row world: 120,000 rows, a second per ingest).
 * `carriers` is computed once (MATERIALIZED): inlined, it was planned as the inner side of a
 * nested loop over the hub records and aggregated again for each of them (150 ms when a ring's
 * booker account is on 400 rows).
 */
const FOLLOW_SQL = `
WITH registered AS (${REGISTERED_PHONES_SQL}),
batch AS MATERIALIZED (
  SELECT t.seq, t.applicant_phone, t.booker_phone, t.booker_account FROM transaction t
  WHERE t.seq > (SELECT seen_seq FROM intermediary_hub_state WHERE run_id = $1::bigint)),
keys AS MATERIALIZED (SELECT ${followed('applicant_phone')} AS phones, ${followed('booker_phone')} AS booker_phones, ${followed('booker_account')} AS booker_accounts),
carrying AS (
  SELECT t.agent_id_number, t.applicant_phone, t.booker_phone, t.booker_account FROM transaction t
  WHERE t.applicant_phone = ANY((SELECT phones FROM keys)::text[]) AND t.accepted_at > $2
  UNION SELECT t.agent_id_number, t.applicant_phone, t.booker_phone, t.booker_account FROM transaction t
  WHERE t.booker_phone = ANY((SELECT booker_phones FROM keys)::text[]) AND t.accepted_at > $2
  UNION SELECT t.agent_id_number, t.applicant_phone, t.booker_phone, t.booker_account FROM transaction t
  WHERE t.booker_account = ANY((SELECT booker_accounts FROM keys)::text[]) AND t.accepted_at > $2),
carriers AS MATERIALIZED (
  SELECT t.agent_id_number AS agent,
    coalesce(array_agg(DISTINCT t.applicant_phone) FILTER (WHERE t.applicant_phone = ANY(k.phones)), '{}') AS phones,
    coalesce(array_agg(DISTINCT t.booker_phone) FILTER (WHERE t.booker_phone = ANY(k.booker_phones)), '{}') AS booker_phones,
    coalesce(array_agg(DISTINCT t.booker_account) FILTER (WHERE t.booker_account = ANY(k.booker_accounts)), '{}') AS booker_accounts
  FROM carrying t, keys k
  WHERE t.agent_id_number IN (SELECT agent_id_number FROM intermediary_hub WHERE run_id = $1::bigint)
  GROUP BY 1),
grown AS (
  UPDATE intermediary_hub h SET phones = ${merged('h.phones', 'c.phones')}, booker_phones = ${merged('h.booker_phones', 'c.booker_phones')},
    booker_accounts = ${merged('h.booker_accounts', 'c.booker_accounts')}
  FROM carriers c WHERE h.agent_id_number = c.agent AND h.run_id = $1::bigint RETURNING 1)
UPDATE intermediary_hub_state s SET seen_seq = b.top
FROM (SELECT max(seq) AS top FROM batch) b WHERE s.run_id = $1::bigint AND b.top IS NOT NULL`;

/** Called by the ingest hook, in the ingest transaction, before it rescores anyone. */
export async function followNewTransactions(tx: Tx, mark: RunWatermark, windowFrom: Date): Promise<void> {
  await tx.$executeRawUnsafe(FOLLOW_SQL, mark.runId.toString(), windowFrom);
}

/**
 * CTEs of the scoped read ($8 the agents, $2 the window's end; $10 run id, $11 the run's window
 * end and $12 `seen_seq`, null without a watermark): `hub`, the scope's hub records that apply,
 * and `fresh`, the identifiers on rows beyond `seen_seq` (a parameter, so that the planner
 * knows it is a few rows at the seq index's end; read only when a hub is in scope).
 */
export const HUB_CTES = `
hub AS MATERIALIZED (
  SELECT h.agent_id_number AS agent, h.phones, h.booker_phones, h.booker_accounts FROM intermediary_hub h
  WHERE h.agent_id_number = ANY($8::text[]) AND h.run_id = $10::bigint AND $2 >= $11::timestamptz
    AND h.registered = (${REGISTERED_DIGEST_SQL})),
fresh AS MATERIALIZED (
  SELECT t.applicant_phone, t.booker_phone, t.booker_account FROM transaction t
  WHERE t.seq > $12::bigint AND EXISTS (SELECT 1 FROM hub))`;

/** Whether `column` of a scope row (w, joined to `hub h` by agent) needs looking up. */
export const needsLookup = (column: 'applicant_phone' | 'booker_phone' | 'booker_account', recorded: 'phones' | 'booker_phones' | 'booker_accounts'): string =>
  `(h.agent IS NULL OR w.${column} = ANY(h.${recorded}) OR w.${column} IN (SELECT ${column} FROM fresh))`;

/** The watermark's parameters ($10–$12), null (no shortcut) without one or with thresholds under two. */
export function watermarkParams(mark: RunWatermark | null | undefined, thresholds: readonly number[]): [string | null, Date | null, string | null] {
  if (!mark || thresholds.some((t) => t < 2)) return [null, null, null];
  return [mark.runId.toString(), mark.asOf, mark.seenSeq.toString()];
}
