/**
 * Freshness: inside the ingest transaction, the agents a batch touches are rescored and their
 * suspect rows written before the commit, so a new transaction's effect on the people around
 * it is visible as soon as the transaction is. Touched are the batch's agents (and, for a
 * revision, the agent of the version it replaces) and every agent whose window transactions
 * share a phone or booking with the batch, since their shared-phone and hoarding counts move.
 */
import { normaliseIdNumber, normalisePhone } from '../../domain/index.ts';
import type { IngestHook, StoredTransaction } from '../../ingest/ingest-transactions.ts';
import type { Tx } from '../../platform/db.ts';
import { rawSql } from '../../platform/raw-sql.ts';
import { followNewTransactions } from '../hub-identifiers.ts';
import { txReader, type Reader } from '../reader.ts';
import { REGISTERED_PHONES_SQL, windowEndingAt, type Window } from '../window.ts';
import { updateStart } from './full-run-state.ts';
import { rescoreAgents } from './rescore-agents.ts';

/** Beyond this many agents one batch leaves the rest to the next full run (noted on the run). */
export const MAX_TOUCHED_AGENTS = 5_000;

const present = (values: ReadonlyArray<string | null | undefined>): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

async function previousAgents(reader: Reader, stored: readonly StoredTransaction[]): Promise<string[]> {
  const revised = stored.filter((s) => s.previousVersion !== null);
  if (revised.length === 0) return [];
  const rows = await reader.query<{ agent: string | null }>(
    `SELECT r.payload -> 'agent' ->> 'idNumber' AS agent FROM transaction_revision r
     JOIN unnest($1::text[], $2::int[]) AS u(id, v) ON r.transaction_id = u.id AND r.version = u.v`,
    [revised.map((s) => s.transaction.id), revised.map((s) => s.previousVersion)],
  );
  return present(rows.map((r) => normaliseIdNumber(r.agent)));
}

/**
 * Agents with window transactions sharing a phone or booking with the batch. Registered
 * organisations' and clerks' phones are not followed: no count includes them, and a clerk's
 * own phone is on every one of the clerk's thousand cases.
 */
const TOUCHED_SQL = `
WITH registered AS (${REGISTERED_PHONES_SQL}),
unregistered AS (SELECT ARRAY(SELECT unnest($3::text[]) EXCEPT SELECT phone FROM registered) AS applicant,
                        ARRAY(SELECT unnest($4::text[]) EXCEPT SELECT phone FROM registered) AS booker,
                        ARRAY(SELECT unnest($6::text[]) EXCEPT SELECT phone FROM registered) AS agent)
SELECT DISTINCT t.agent_id_number AS agent FROM transaction t, unregistered u
WHERE t.agent_id_number IS NOT NULL AND t.accepted_at > $1 AND t.accepted_at <= $2
  AND (t.applicant_phone = ANY(u.applicant) OR t.booker_phone = ANY(u.booker) OR t.booker_account = ANY($5::text[]) OR t.agent_phone = ANY(u.agent))
LIMIT $7`;

/** Agents whose scores a batch can move, at most MAX_TOUCHED_AGENTS; `truncated` when there were more. */
export async function touchedAgents(reader: Reader, stored: readonly StoredTransaction[], window: Window): Promise<{ agents: string[]; truncated: boolean }> {
  const own = present([...stored.map((s) => normaliseIdNumber(s.transaction.agent?.idNumber)), ...await previousAgents(reader, stored)]);
  const docs = stored.map((s) => s.transaction);
  const phones = present(docs.map((t) => normalisePhone(t.applicant.phone)));
  const bookerPhones = present(docs.map((t) => normalisePhone(t.appointment?.bookerPhone)));
  const accounts = present(docs.map((t) => t.appointment?.bookerAccount));
  const agentPhones = present(docs.map((t) => normalisePhone(t.agent?.phone)));
  const rows = await reader.query<{ agent: string }>(TOUCHED_SQL, [window.from, window.to, phones, bookerPhones, accounts, agentPhones, MAX_TOUCHED_AGENTS + 1]);
  const all = present([...own, ...rows.map((r) => r.agent)]);
  return { agents: all.slice(0, MAX_TOUCHED_AGENTS), truncated: all.length > MAX_TOUCHED_AGENTS };
}

/**
 * A batch touching more agents than this (a bulk import) is not rescored inside its ingest
 * transaction, which would hold ingestion for seconds: the agents are recorded on a pending
 * run that the scheduler works off within seconds (deferred.ts).
 */
export const INLINE_AGENTS = 100;

interface RunRecord {
  readonly id: bigint;
  readonly windowDays: number;
  readonly actor: string;
  readonly options: Record<string, unknown>;
  /** Rescoring deferred to the scheduler: the run stays RUNNING until then. */
  readonly pending: boolean;
  readonly figures?: { readonly touched: number; readonly suspects: number; readonly totalMs: number };
}

/** The batch's run, written last: its id was taken first, for the suspect rows it writes. */
async function recordRun(tx: Tx, run: RunRecord): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO intermediary_run (id, kind, status, requested_by, finished_at, window_days, options, persons_touched, suspects, timings)
     VALUES ($1::bigint, 'INCREMENTAL', $4, $2, CASE WHEN $4 = 'DONE' THEN now() END, $3, $5::jsonb, $6, $7, $8::jsonb)`,
    run.id.toString(), run.actor, run.windowDays, run.pending ? 'RUNNING' : 'DONE', JSON.stringify(run.options),
    run.figures?.touched ?? 0, run.figures?.suspects ?? 0, JSON.stringify(run.figures ? { totalMs: run.figures.totalMs } : {}),
  );
}

function annotations(stored: readonly StoredTransaction[], agents: readonly string[], runId: bigint, pending: boolean): Map<string, Record<string, unknown>> {
  const marked = new Set(agents);
  return new Map(stored
    .filter((s) => marked.has(normaliseIdNumber(s.transaction.agent?.idNumber) ?? ''))
    .map((s) => [s.transaction.id, pending ? { intermediaryRun: runId.toString(), intermediaryRescore: 'deferred' } : { intermediaryRun: runId.toString() }]));
}

/** The ingest hook (wired in services/app/wiring.ts). Does nothing until a full run has completed. */
export function intermediariesIngestHook(actor = 'system', inlineAgents = INLINE_AGENTS): IngestHook {
  return async (tx, stored) => {
    const started = performance.now();
    if (stored.length === 0) return;
    const reader = txReader(tx);
    // Every ingestion asks this first, mostly to learn there is nothing to do: as a prepared
    // statement on the transaction's own connection (no planning, no Prisma raw-query round).
    const start = await updateStart(await rawSql(tx));
    if (!start || start.latest === null) return;
    const { state, runId } = start;
    const window = windowEndingAt(start.latest, state.options.windowDays);
    if (state.watermark) await followNewTransactions(tx, state.watermark, window.from);
    const { agents, truncated } = await touchedAgents(reader, stored, window);
    if (agents.length === 0) return;
    const run = { id: runId, windowDays: state.options.windowDays, actor, options: { fullRunId: state.runId.toString(), truncated } };
    if (agents.length > inlineAgents) {
      await recordRun(tx, { ...run, options: { ...run.options, pendingAgents: agents }, pending: true });
      return annotations(stored, agents, runId, true);
    }
    const outcome = await rescoreAgents(tx, agents, state, runId, window);
    await recordRun(tx, {
      ...run, options: { ...run.options, removed: outcome.removed }, pending: false,
      figures: { touched: outcome.agents, suspects: outcome.suspects.length, totalMs: Math.round(performance.now() - started) },
    });
    return annotations(stored, agents, runId, false);
  };
}
