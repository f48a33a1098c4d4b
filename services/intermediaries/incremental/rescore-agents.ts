/**
 * The incremental update: rescores a few agents exactly as the full run would (their
 * aggregates read through the identifier indexes, see agent-features.ts), against the last
 * full run's handler shares, clerk baselines and rings, and writes their suspect rows. Rings
 * themselves are rebuilt only by the full run: a new agent joins a ring at the next one.
 */
import type { Tx } from '../../platform/db.ts';
import { agentFeatures } from '../agent-features.ts';
import { scopedAgentHandlerPairs } from '../collusion.ts';
import { txReader, type Reader } from '../reader.ts';
import { updateSuspects } from '../recompute/suspect-rows.ts';
import { agentComponents } from '../scoring.ts';
import { bySuspicion, groupBy, suspectOf, type RingMembership } from '../suspects.ts';
import type { Suspect } from '../types.ts';
import { resolveWindow, type Window } from '../window.ts';
import type { FullRunState } from './full-run-state.ts';

export interface RescoreOutcome {
  readonly agents: number;
  readonly suspects: Suspect[];
  readonly removed: number;
}

async function ringsOf(reader: Reader, agents: readonly string[]): Promise<Map<string, RingMembership>> {
  const rows = await reader.query<{ ring_id: string; member_count: number; members: string[] }>(
    'SELECT ring_id, member_count, members FROM intermediary_ring WHERE members && $1::text[]', [agents],
  );
  const out = new Map<string, RingMembership>();
  for (const r of rows) for (const m of r.members) out.set(m, { ringId: r.ring_id, members: r.member_count });
  return out;
}

/** Scores of `agents` as of now (or over `window`), without writing anything. */
export async function scoreAgents(reader: Reader, agents: readonly string[], state: FullRunState, known: Window | null = null): Promise<Suspect[]> {
  const o = state.options;
  const window = known ?? await resolveWindow(reader, null, o.windowDays);
  if (window === null || agents.length === 0) return [];
  const features = await agentFeatures(reader, window, o, agents);
  const pairs = groupBy(await scopedAgentHandlerPairs(reader, window, agents), (p) => p.agent);
  const rings = await ringsOf(reader, agents);
  return features.map((f) => {
    const own = pairs.get(f.agent) ?? [];
    return suspectOf(f, agentComponents(f, own, state.clerkBaselines, o.windowDays), rings.get(f.agent) ?? null, own);
  }).sort(bySuspicion);
}

/** Rescores `agents` and writes their suspect rows in the caller's transaction. */
export async function rescoreAgents(tx: Tx, agents: readonly string[], state: FullRunState, runId: bigint, window: Window | null = null, at = new Date()): Promise<RescoreOutcome> {
  const unique = [...new Set(agents)].sort();
  const scored = await scoreAgents(txReader(tx), unique, state, window);
  const suspects = scored.filter((s) => s.score >= state.options.minScore);
  const { removed } = await updateSuspects(tx, unique, suspects, runId, at);
  return { agents: unique.length, suspects, removed };
}
