/**
 * Ring freshness between full runs (the scheduler's task, every
 * INTERMEDIARIES_RING_REFRESH_MINUTES): agents seen since the last full run or refresh join
 * the ring whose identifiers they use (the rule: ring-attach.ts). In one database transaction
 * holding the ingest lock: the rings gain their new members (a ring keeps its id until the
 * next full run), the new members and the rings' other members are rescored (the ring
 * component), the rings' scores follow, a RINGS run records the watermark, and the refresh is
 * audited (`intermediaries.rings_refreshed`: who, when, what joined which ring, timings).
 * Changed rings are then published again as R21's input. It reads only the new transactions
 * that carry a ring's identifiers and the candidates' own cases, through indexes, so it costs
 * next to nothing when nothing happened. New rings, splits and merges wait for the full run.
 */
import { appendAudit } from '../../audit/index.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import type { Database, Tx } from '../../platform/db.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { txReader, type Reader } from '../reader.ts';
import { resolveWindow } from '../window.ts';
import { lastFullRun, type FullRunState } from './full-run-state.ts';
import { attachCandidates, attachments, currentRings, flaggedRingsOf, mostlyRing, ringTies, type CurrentRing, type RingTie } from './ring-attach.ts';
import { agentEvidence, rescoreAgents } from './rescore-agents.ts';

export interface RingRefreshRequest {
  readonly actor: string;
  /** Hands the rings to the risk engine as R21's input when one changed (services/app/wiring.ts passes publishRings). */
  readonly publishRings?: (rings: FlaggedRing[]) => Promise<unknown>;
}

export interface RingRefreshSummary {
  readonly runId: string;
  /** Agents of the new transactions carrying a ring's identifier, outside every ring. */
  readonly candidates: number;
  readonly attached: RingTie[];
  readonly timings: Record<string, number>;
}

interface Watermark { readonly since: bigint; readonly upto: bigint }

/** Transactions after the last full run's or refresh's watermark, up to the latest one. */
async function watermark(reader: Reader, fullRunId: bigint): Promise<Watermark> {
  const [row] = await reader.query<{ since: string | null; upto: string | null }>(
    `SELECT (SELECT max_seq FROM intermediary_run WHERE kind IN ('FULL', 'RINGS') AND status = 'DONE' AND id >= $1::bigint ORDER BY id DESC LIMIT 1)::text AS since,
            (SELECT max(seq) FROM transaction)::text AS upto`, [fullRunId.toString()],
  );
  return { since: BigInt(row?.since ?? 0), upto: BigInt(row?.upto ?? 0) };
}

async function attachToRings(tx: Tx, attached: readonly RingTie[], runId: bigint, at: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE intermediary_ring r SET members = (SELECT array_agg(m ORDER BY m) FROM unnest(r.members || a.added) m),
            member_count = r.member_count + cardinality(a.added), run_id = $3::bigint, updated_at = $4
     FROM (SELECT ring, array_agg(agent) AS added FROM unnest($1::text[], $2::text[]) AS u(ring, agent) GROUP BY ring) a
     WHERE r.ring_id = a.ring`,
    attached.map((a) => a.ringId), attached.map((a) => a.agent), runId.toString(), at,
  );
}

/** A ring's score is its members' mean (members below the suspect minimum have no row and do not count). */
async function rescoreRings(tx: Tx, ringIds: readonly string[]): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE intermediary_ring r SET score = coalesce((SELECT round(avg(s.score))::int FROM intermediary_suspect s WHERE s.id_number = ANY(r.members)), 0)
     WHERE r.ring_id = ANY($1::text[])`, ringIds,
  );
}

interface Found { readonly candidates: number; readonly attached: readonly RingTie[]; readonly rings: readonly string[] }

/** The refresh's run (its id goes on the rings and suspect rows it writes); `max_seq` is the next refresh's watermark. */
async function openRun(tx: Tx, request: RingRefreshRequest, state: FullRunState, mark: Watermark, found: Found): Promise<bigint> {
  const [row] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO intermediary_run (kind, status, requested_by, finished_at, window_days, max_seq, options, persons_touched, rings)
     VALUES ('RINGS', 'DONE', $1, now(), $2, $3::bigint, $4::jsonb, $5, $6) RETURNING id::text`,
    request.actor, state.options.windowDays, mark.upto.toString(),
    JSON.stringify({ fullRunId: state.runId.toString(), since: mark.since.toString(), attached: found.attached }), found.candidates, found.rings.length,
  );
  return BigInt(row!.id);
}

/** What the new transactions change: candidates, and the ring each one joins. */
async function find(reader: Reader, state: FullRunState, rings: readonly CurrentRing[], mark: Watermark): Promise<Found> {
  const window = await resolveWindow(reader, null, state.options.windowDays);
  const candidates = window ? await attachCandidates(reader, rings, mark.since, mark.upto) : [];
  if (!window || candidates.length === 0) return { candidates: candidates.length, attached: [], rings: [] };
  // Most candidates (a clerk or relative who met a ring's client) fail on the share of their
  // cases, which is cheap to read; only the others' evidence is read.
  const ties = (await ringTies(reader, window, rings, candidates)).filter(mostlyRing);
  const likely = [...new Set(ties.map((t) => t.agent))];
  const attached = likely.length === 0 ? [] : attachments(await agentEvidence(reader, likely, state, window), ties);
  return { candidates: candidates.length, attached, rings: [...new Set(attached.map((a) => a.ringId))].sort() };
}

/** The refresh itself, in the caller's transaction (holding the ingest lock). Null when nothing arrived since the last one. */
async function refreshIn(tx: Tx, request: RingRefreshRequest, started: number): Promise<RingRefreshSummary | null> {
  const reader = txReader(tx);
  const state = await lastFullRun(reader);
  if (!state) return null;
  const mark = await watermark(reader, state.runId);
  if (mark.upto <= mark.since) return null;
  const rings = await currentRings(reader);
  const found = await find(reader, state, rings, mark);
  const timings: Record<string, number> = { readMs: Math.round(performance.now() - started) };
  const at = new Date();
  const runId = await openRun(tx, request, state, mark, found);
  let suspects = 0;
  if (found.attached.length > 0) {
    await attachToRings(tx, found.attached, runId, at);
    const members = new Set([...found.attached.map((a) => a.agent), ...rings.filter((r) => found.rings.includes(r.ringId)).flatMap((r) => r.members)]);
    suspects = (await rescoreAgents(tx, [...members], state, runId, null, at)).suspects.length;
    await rescoreRings(tx, found.rings);
  }
  timings.totalMs = Math.round(performance.now() - started);
  await tx.$executeRawUnsafe('UPDATE intermediary_run SET suspects = $2, timings = $3::jsonb WHERE id = $1::bigint', runId.toString(), suspects, JSON.stringify(timings));
  await appendAudit(tx, [{
    actor: request.actor, action: 'intermediaries.rings_refreshed', entityType: 'intermediary_run', entityId: runId.toString(),
    data: { kind: 'RINGS', fullRunId: state.runId.toString(), since: mark.since.toString(), upto: mark.upto.toString(), candidates: found.candidates, attached: found.attached, rings: found.rings, suspects, timings },
  }], at);
  return { runId: runId.toString(), candidates: found.candidates, attached: [...found.attached], timings };
}

/** One ring refresh now (the scheduler's task calls this); the rings are published again when one gained a member. */
export async function refreshRings(db: Database, request: RingRefreshRequest): Promise<RingRefreshSummary | null> {
  const started = performance.now();
  const summary = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    return refreshIn(tx, request, started);
  }, { timeout: 120_000, maxWait: 60_000 });
  if (summary && summary.attached.length > 0 && request.publishRings) await request.publishRings(flaggedRingsOf(await currentRings(db.sql)));
  return summary;
}
