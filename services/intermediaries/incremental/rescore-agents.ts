/**
 * The incremental update: rescores a few agents exactly as the full run would (their
 * aggregates read through the identifier indexes, see agent-features.ts), against the last
 * full run's handler shares, clerk baselines and rings, and writes their suspect rows. Rings
 * are rebuilt by the full run; between full runs the ring refresh attaches new agents to the
 * rings whose identifiers they use (refresh-rings.ts).
 */
import type { Tx } from '../../platform/db.ts';
import { scopedAgentFeatures, type AgentFeatures } from '../agent-features.ts';
import type { AgentHandlerPair } from '../collusion.ts';
import { txReader, type Reader } from '../reader.ts';
import { updateSuspects } from '../recompute/suspect-rows.ts';
import { agentComponents, type Component } from '../scoring.ts';
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

/** An agent's own evidence: aggregates, handler pairs and the components they give (no ring). */
export interface AgentEvidence {
  readonly features: AgentFeatures;
  readonly pairs: AgentHandlerPair[];
  readonly base: Component[];
}

/** The own evidence of `agents` over `window`, scored as the full run scores it. */
export async function agentEvidence(reader: Reader, agents: readonly string[], state: FullRunState, window: Window): Promise<AgentEvidence[]> {
  const scoped = await scopedAgentFeatures(reader, window, state.options, agents, state.watermark);
  const pairs = groupBy(scoped.pairs, (p) => p.agent);
  return scoped.features.map((f) => {
    const own = pairs.get(f.agent) ?? [];
    return { features: f, pairs: own, base: agentComponents(f, own, state.clerkBaselines, state.options.windowDays) };
  });
}

/** Scores of `agents` as of now (or over `window`), without writing anything. */
export async function scoreAgents(reader: Reader, agents: readonly string[], state: FullRunState, known: Window | null = null): Promise<Suspect[]> {
  const window = known ?? await resolveWindow(reader, null, state.options.windowDays);
  if (window === null || agents.length === 0) return [];
  const evidence = await agentEvidence(reader, agents, state, window);
  const rings = await ringsOf(reader, agents);
  return evidence.map((e) => suspectOf(e.features, e.base, rings.get(e.features.agent) ?? null, e.pairs)).sort(bySuspicion);
}

/** Rescores `agents` and writes their suspect rows in the caller's transaction. */
export async function rescoreAgents(tx: Tx, agents: readonly string[], state: FullRunState, runId: bigint, window: Window | null = null, at = new Date()): Promise<RescoreOutcome> {
  const unique = [...new Set(agents)].sort();
  const scored = await scoreAgents(txReader(tx), unique, state, window);
  const suspects = scored.filter((s) => s.score >= state.options.minScore);
  const { removed } = await updateSuspects(tx, unique, suspects, runId, at);
  return { agents: unique.length, suspects, removed };
}
