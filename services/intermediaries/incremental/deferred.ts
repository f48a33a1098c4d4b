/**
 * Rescoring deferred from bulk ingest batches (see INLINE_AGENTS in ingest-hook.ts): the
 * scheduler works off pending incremental runs, oldest first, in chunks that each hold the
 * ingest lock briefly, so that a rescore never overwrites a newer one made by ingestion. A
 * full run supersedes the runs pending when it started (it read their transactions).
 */
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import type { Database } from '../../platform/db.ts';
import { txReader } from '../reader.ts';
import { lastFullRun } from './full-run-state.ts';
import { rescoreAgents } from './rescore-agents.ts';

/** Agents rescored per database transaction (each holds the ingest lock for its duration). */
const CHUNK = 50;

interface PendingRow extends Record<string, unknown> { id: string; options: { pendingAgents?: string[] } }


async function rescoreChunk(db: Database, agents: readonly string[], runId: bigint): Promise<{ agents: number; suspects: number }> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const state = await lastFullRun(txReader(tx));
    if (!state) return { agents: 0, suspects: 0 };
    const outcome = await rescoreAgents(tx, agents, state, runId);
    return { agents: outcome.agents, suspects: outcome.suspects.length };
  }, { timeout: 120_000, maxWait: 60_000 });
}

/**
 * Works off the pending runs (up to `maxRuns`, oldest first) together: their agents are
 * rescored once each, however many bulk batches touched them. Returns the agents rescored.
 */
export async function rescoreDeferred(db: Database, maxRuns = 50): Promise<number> {
  const pending = await db.sql.query<PendingRow>(
    `SELECT id::text, options FROM intermediary_run WHERE kind = 'INCREMENTAL' AND status = 'RUNNING' ORDER BY id LIMIT $1`, [maxRuns],
  );
  if (pending.length === 0) return 0;
  const started = performance.now();
  const ids = pending.map((r) => r.id);
  const agents = [...new Set(pending.flatMap((r) => r.options.pendingAgents ?? []))].sort();
  const last = BigInt(ids.at(-1) as string);
  let suspects = 0;
  try {
    for (let i = 0; i < agents.length; i += CHUNK) suspects += (await rescoreChunk(db, agents.slice(i, i + CHUNK), last)).suspects;
  } catch (error) {
    await db.sql.query(`UPDATE intermediary_run SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = ANY($1::bigint[])`, [ids, (error as Error).message.slice(0, 2000)]);
    throw error;
  }
  await db.sql.query(
    `UPDATE intermediary_run SET status = 'DONE', finished_at = now(), persons_touched = $2, suspects = $3, timings = $4::jsonb WHERE id = ANY($1::bigint[])`,
    [ids, agents.length, suspects, JSON.stringify({ totalMs: Math.round(performance.now() - started), deferred: true, runs: ids.length })],
  );
  return agents.length;
}
