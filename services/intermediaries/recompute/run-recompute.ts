/**
 * The full recompute (the `intermediaries-recompute` job): detection over the whole window,
 * ring identifiers and identity-link suggestions read under the detector's lock, then every
 * result written as the current state in one database transaction that holds the ingest lock
 * and ends with the audit entry. Transactions stored while the run was reading (seq above the
 * run's watermark) are folded in by rescoring their agents before the commit, so nothing an
 * incremental update wrote in the meantime is lost. The rings are then published for R21.
 */
import { appendAudit } from '../../audit/index.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import type { Database, Tx } from '../../platform/db.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { detectInWindow, resolveOptions, withAnalyticPlans, type DetectionDetails } from '../detect.ts';
import { registeredDigest, replaceHubs } from '../hub-identifiers.ts';
import { toFlaggedRings } from '../export.ts';
import { findLinkCandidates, saveSuggestedLinks, type SuggestedLink } from '../identity/suggest-links.ts';
import { storedOptions, type FullRunState } from '../incremental/full-run-state.ts';
import { rescoreAgents } from '../incremental/rescore-agents.ts';
import type { DetectionOptions, DetectionResult, ResolvedOptions } from '../types.ts';
import { resolveWindow, type Window } from '../window.ts';
import { replaceHandlerShares, replaceRingsAndHandlers } from './persist-results.ts';
import { replaceSuspects } from './suspect-rows.ts';

export interface RecomputeRequest {
  readonly actor: string;
  readonly options?: DetectionOptions;
  /** Hands the rings to the risk engine as R21's input (services/app/wiring.ts passes publishRings). */
  readonly publishRings?: (rings: FlaggedRing[]) => Promise<unknown>;
}

export interface RecomputeSummary {
  readonly runId: string;
  readonly asOf: string | null;
  readonly suspects: number;
  readonly rings: number;
  readonly colludingHandlers: number;
  readonly links: number;
  /** Agents rescored because their transactions arrived while the run was reading. */
  readonly caughtUp: number;
  readonly timings: Record<string, number>;
}

/** Incremental and ring-refresh run rows are a log; older than this they are dropped by the next full run. */
const KEEP_INCREMENTAL_DAYS = 30;

interface Reading {
  readonly window: Window | null;
  readonly details: DetectionDetails;
  readonly links: SuggestedLink[];
  /** The registered phones the counts left out, as a digest (hub records apply while they are the same). */
  readonly registered: string;
}

async function openRun(db: Database, actor: string, o: ResolvedOptions): Promise<{ id: bigint; maxSeq: bigint | null }> {
  const [row] = await db.sql.query<{ id: string; max_seq: string | null }>(
    `INSERT INTO intermediary_run (kind, status, requested_by, window_days, options, max_seq)
     SELECT 'FULL', 'RUNNING', $1, $2, $3::jsonb, (SELECT max(seq) FROM transaction) RETURNING id::text, max_seq::text`,
    [actor, o.windowDays, JSON.stringify(storedOptions(o))],
  );
  return { id: BigInt(row!.id), maxSeq: row!.max_seq === null ? null : BigInt(row!.max_seq) };
}

async function read(db: Database, o: ResolvedOptions, lap: (phase: string) => void): Promise<Reading> {
  return withAnalyticPlans(db, async (sql) => {
    const window = await resolveWindow(sql, o.asOf, o.windowDays);
    const registered = await registeredDigest(sql);
    const empty: DetectionResult = { asOf: null, windowDays: o.windowDays, suspects: [], rings: [], colludingHandlers: [] };
    const details: DetectionDetails = window ? await detectInWindow(sql, window, o) : { result: empty, clerkBaselines: new Map<string, number>(), hubs: [], shared: new Map() };
    lap('detectMs');
    const links = window ? await findLinkCandidates(sql, o.maxSharers, { window }) : [];
    lap('linksMs');
    return { window, details, links, registered };
  });
}

async function catchUp(tx: Tx, maxSeq: bigint | null, state: FullRunState, runId: bigint): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Array<{ agent: string }>>(
    'SELECT DISTINCT agent_id_number AS agent FROM transaction WHERE seq > $1::bigint AND agent_id_number IS NOT NULL',
    (maxSeq ?? 0n).toString(),
  );
  const agents = rows.map((r) => r.agent);
  for (let i = 0; i < agents.length; i += 2_000) await rescoreAgents(tx, agents.slice(i, i + 2_000), state, runId);
  return agents.length;
}

async function persist(db: Database, run: { id: bigint; maxSeq: bigint | null }, request: RecomputeRequest, o: ResolvedOptions, reading: Reading, timings: Record<string, number>): Promise<RecomputeSummary> {
  const { result, clerkBaselines } = reading.details;
  return db.prisma.$transaction(async (tx) => {
    const persistStarted = performance.now();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const at = new Date();
    await replaceSuspects(tx, result.suspects, run.id, at);
    await replaceRingsAndHandlers(tx, { rings: result.rings, shared: reading.details.shared, suspects: result.suspects, colludingHandlers: result.colludingHandlers }, run.id, at);
    if (reading.window) await replaceHandlerShares(tx, reading.window);
    // A run with an explicit end did not count the rows after it: no hub records (hub-identifiers.ts).
    await replaceHubs(tx, o.asOf === null ? reading.details.hubs : [], reading.registered, run.id, run.maxSeq);
    await saveSuggestedLinks(tx, reading.links, true);
    // Incremental updates plan against these tables from now on; the embedded engine has no autovacuum to do it.
    await tx.$executeRawUnsafe('ANALYZE intermediary_suspect, intermediary_ring, intermediary_hub, intermediary_hub_state');
    const caughtUp = await catchUp(tx, run.maxSeq, { runId: run.id, options: o, clerkBaselines }, run.id);
    timings.persistMs = Math.round(performance.now() - persistStarted);
    const summary: RecomputeSummary = {
      runId: run.id.toString(), asOf: result.asOf, suspects: result.suspects.length, rings: result.rings.length,
      colludingHandlers: result.colludingHandlers.length, links: reading.links.length, caughtUp, timings,
    };
    await tx.intermediaryRun.update({
      where: { id: run.id },
      data: {
        status: 'DONE', finishedAt: new Date(), asOf: result.asOf ? new Date(result.asOf) : null, baselines: { clerks: Object.fromEntries(clerkBaselines) },
        suspects: summary.suspects, rings: summary.rings, colludingHandlers: summary.colludingHandlers, links: summary.links,
        personsTouched: caughtUp, timings,
      },
    });
    await tx.$executeRawUnsafe(`DELETE FROM intermediary_run WHERE kind IN ('INCREMENTAL', 'RINGS') AND started_at < now() - interval '${KEEP_INCREMENTAL_DAYS} days'`);
    // Deferred rescoring of bulk batches stored before this run read the window is covered by it.
    await tx.$executeRawUnsafe(
      `UPDATE intermediary_run SET status = 'DONE', finished_at = now(), options = options || jsonb_build_object('supersededBy', $1::text)
       WHERE kind = 'INCREMENTAL' AND status = 'RUNNING' AND started_at < (SELECT started_at FROM intermediary_run WHERE id = $1::bigint)`, summary.runId);
    await appendAudit(tx, [{
      actor: request.actor, action: 'intermediaries.recomputed', entityType: 'intermediary_run', entityId: summary.runId,
      data: { kind: 'FULL', asOf: summary.asOf, windowDays: o.windowDays, suspects: summary.suspects, rings: summary.rings, colludingHandlers: summary.colludingHandlers, links: summary.links, caughtUp, timings },
    }]);
    return summary;
  }, { timeout: 600_000, maxWait: 120_000 });
}

/** Runs a full recompute now (the job handler calls this). Throws on failure, after marking the run FAILED. */
export async function runFullRecompute(db: Database, request: RecomputeRequest): Promise<RecomputeSummary> {
  const o = resolveOptions(request.options ?? {});
  const run = await openRun(db, request.actor, o);
  const timings: Record<string, number> = {};
  let last = performance.now();
  const lap = (phase: string) => { const now = performance.now(); timings[phase] = Math.round(now - last); last = now; };
  try {
    const reading = await read(db, o, lap);
    const summary = await persist(db, run, request, o, reading, timings);
    last = performance.now();
    if (request.publishRings) await request.publishRings(toFlaggedRings(reading.details.result));
    lap('publishMs');
    return summary;
  } catch (error) {
    await db.sql.query(`UPDATE intermediary_run SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1::bigint AND status = 'RUNNING'`,
      [run.id.toString(), (error as Error).message.slice(0, 2000)]);
    throw error;
  }
}
