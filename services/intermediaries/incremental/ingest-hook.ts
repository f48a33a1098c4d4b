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
import { txReader, type Reader } from '../reader.ts';
import { resolveWindow, type Window } from '../window.ts';
import { lastFullRun } from './full-run-state.ts';
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

/** Agents whose scores a batch can move, at most MAX_TOUCHED_AGENTS; `truncated` when there were more. */
export async function touchedAgents(reader: Reader, stored: readonly StoredTransaction[], window: Window): Promise<{ agents: string[]; truncated: boolean }> {
  const own = present([...stored.map((s) => normaliseIdNumber(s.transaction.agent?.idNumber)), ...await previousAgents(reader, stored)]);
  const docs = stored.map((s) => s.transaction);
  const phones = present(docs.map((t) => normalisePhone(t.applicant.phone)));
  const bookerPhones = present(docs.map((t) => normalisePhone(t.appointment?.bookerPhone)));
  const accounts = present(docs.map((t) => t.appointment?.bookerAccount));
  const agentPhones = present(docs.map((t) => normalisePhone(t.agent?.phone)));
  const rows = await reader.query<{ agent: string }>(
    `SELECT DISTINCT agent_id_number AS agent FROM transaction
     WHERE agent_id_number IS NOT NULL AND accepted_at > $1 AND accepted_at <= $2
       AND (applicant_phone = ANY($3::text[]) OR booker_phone = ANY($4::text[]) OR booker_account = ANY($5::text[]) OR agent_phone = ANY($6::text[]))
     LIMIT $7`,
    [window.from, window.to, phones, bookerPhones, accounts, agentPhones, MAX_TOUCHED_AGENTS + 1],
  );
  const all = present([...own, ...rows.map((r) => r.agent)]);
  return { agents: all.slice(0, MAX_TOUCHED_AGENTS), truncated: all.length > MAX_TOUCHED_AGENTS };
}

/**
 * A batch touching more agents than this (a bulk import) is not rescored inside its ingest
 * transaction, which would hold ingestion for seconds: the agents are recorded on a pending
 * run that the scheduler works off within seconds (deferred.ts).
 */
export const INLINE_AGENTS = 100;

async function openRun(tx: Tx, windowDays: number, actor: string, options: Record<string, unknown>, pending: boolean): Promise<bigint> {
  const [row] = await tx.$queryRawUnsafe<Array<{ id: bigint }>>(
    `INSERT INTO intermediary_run (kind, status, requested_by, finished_at, window_days, options)
     VALUES ('INCREMENTAL', $3, $1, CASE WHEN $3 = 'DONE' THEN now() END, $2, $4::jsonb) RETURNING id`,
    actor, windowDays, pending ? 'RUNNING' : 'DONE', JSON.stringify(options),
  );
  return BigInt(row!.id);
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
    const reader = txReader(tx);
    const state = await lastFullRun(reader);
    if (!state || stored.length === 0) return;
    const window = await resolveWindow(reader, null, state.options.windowDays);
    if (window === null) return;
    const { agents, truncated } = await touchedAgents(reader, stored, window);
    if (agents.length === 0) return;
    const base = { fullRunId: state.runId.toString(), truncated };
    if (agents.length > inlineAgents) {
      const pendingId = await openRun(tx, state.options.windowDays, actor, { ...base, pendingAgents: agents }, true);
      return annotations(stored, agents, pendingId, true);
    }
    const runId = await openRun(tx, state.options.windowDays, actor, base, false);
    const outcome = await rescoreAgents(tx, agents, state, runId, window);
    await tx.$executeRawUnsafe(
      `UPDATE intermediary_run SET persons_touched = $2, suspects = $3, timings = $4::jsonb, options = options || $5::jsonb WHERE id = $1::bigint`,
      runId.toString(), outcome.agents, outcome.suspects.length,
      JSON.stringify({ totalMs: Math.round(performance.now() - started) }), JSON.stringify({ removed: outcome.removed }),
    );
    return annotations(stored, agents, runId, false);
  };
}
