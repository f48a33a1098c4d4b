/**
 * The full recompute: set-based reads of the window (agent aggregates, agent–handler pairs,
 * network edges), scoring, Louvain rings, then one read each for handler concentration and
 * the rings' activity. Nothing is read per row, so the cost grows with the window, not with
 * the number of suspects.
 */
import type { Database, SqlRunner } from '../platform/db.ts';
import { agentFeatures, type AgentFeatures } from './agent-features.ts';
import { agentHandlerPairs } from './collusion.ts';
import { concentrationRows, isFavoured, isRingFavoured, poolByHandler, type ConcentrationRow, type HandlerConcentration } from './handler-concentration.ts';
import { communities, ringActivity, ringIdOf, type Community } from './network.ts';
import { networkGraph, type HeavyTie, type NetworkEdge } from './network-edges.ts';
import { agentComponents, clerkBaselines, combine } from './scoring.ts';
import { bySuspicion, groupBy, suspectOf } from './suspects.ts';
import { DEFAULT_OPTIONS, type ColludingHandler, type DetectionOptions, type DetectionResult, type ResolvedOptions, type Ring } from './types.ts';
import { resolveWindow, type Window } from './window.ts';

/** People scoring this much on their own evidence seed rings; a community needs two of them. */
const RING_SEED_SCORE = 30;
const RING_MIN_SEEDS = 2;
/**
 * A person belongs to a ring's community by some evidence of their own or by ties to two of its
 * identifiers, and only if they ever acted for someone outside their own household: a
 * relative bringing a tout's former client is linked through that client's own phone and
 * booking account, and is no intermediary.
 */
const RING_MEMBER_SCORE = 10;
const RING_MEMBER_TIES = 2;
/** Work memory per sort or hash of the detector's connection. */
const ANALYTIC_WORK_MEM = '64MB';
/** One recompute at a time per database (the lock is also how PostgreSQL gives us one connection). */
export const DETECT_LOCK = 720_330_005;

function findRings(found: readonly Community[], baseScore: ReadonlyMap<string, number>, strangers: ReadonlySet<string>): Map<string, Community> {
  const rings = new Map<string, Community>();
  for (const c of found) {
    const members = c.persons.filter((p) => strangers.has(p)
      && ((baseScore.get(p) ?? 0) >= RING_MEMBER_SCORE || (c.ties.get(p) ?? 0) >= RING_MEMBER_TIES));
    if (members.filter((p) => (baseScore.get(p) ?? 0) >= RING_SEED_SCORE).length >= RING_MIN_SEEDS) rings.set(ringIdOf(members), { ...c, persons: members });
  }
  return rings;
}

/** Common identifiers join the network only where they tie suspects (see networkGraph). */
function withHeavyTies(edges: readonly NetworkEdge[], ties: readonly HeavyTie[], baseScore: ReadonlyMap<string, number>): NetworkEdge[] {
  const suspectTies = ties.filter((t) => (baseScore.get(t.agent) ?? 0) >= RING_SEED_SCORE);
  const agentsPer = groupBy(suspectTies, (t) => t.token);
  const linking = suspectTies.filter((t) => (agentsPer.get(t.token)?.length ?? 0) >= 2);
  return [...edges, ...linking.map((t) => ({
    source: t.token < `p:${t.agent}` ? t.token : `p:${t.agent}`, target: t.token < `p:${t.agent}` ? `p:${t.agent}` : t.token,
    weight: t.transactions / Math.log(1 + t.sharers), transactions: t.transactions,
  }))];
}

/** Handlers favoured by the suspects as a whole, or by one ring; each with the suspects who favour it and the rings that do. */
function colluders(rows: readonly ConcentrationRow[], units: ReadonlySet<string>, byRing: ReadonlyMap<string, readonly HandlerConcentration[]>): ColludingHandler[] {
  const pooled = poolByHandler(rows, units);
  const ringsOf = new Map<string, string[]>();
  for (const [ringId, favoured] of byRing) for (const h of favoured) ringsOf.set(h.handler, [...(ringsOf.get(h.handler) ?? []), ringId].sort());
  const chosen = new Map<string, HandlerConcentration>();
  for (const h of [...pooled.filter(isFavoured), ...[...byRing.values()].flat()]) {
    const known = chosen.get(h.handler);
    if (!known || h.pValue < known.pValue) chosen.set(h.handler, h);
  }
  const agentsOf = new Map(pooled.map((h) => [h.handler, h.agents]));
  return [...chosen.values()]
    .map((h) => ({
      handlerId: h.handler, agents: agentsOf.get(h.handler) ?? h.agents, lift: Number(h.lift.toFixed(2)), pValue: h.pValue,
      observed: h.observed, expected: Number(h.expected.toFixed(2)), ringIds: ringsOf.get(h.handler) ?? [],
    }))
    .sort((a, b) => a.pValue - b.pValue || (a.handlerId < b.handlerId ? -1 : 1));
}

export function resolveOptions(options: DetectionOptions): ResolvedOptions {
  return { ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedOptions;
}

/**
 * The window reads are whole-table aggregates whose CTE row counts the planner cannot guess:
 * left to itself it picks nested loops over tens of thousands of rows (a minute on 14,000
 * transactions). Hash and merge joins are right for every query here, so nested loops are
 * switched off for this connection while the detector reads, and restored after. JIT goes
 * off too: the penalty cost of a disabled plan node crosses PostgreSQL's JIT threshold and
 * compiling the expressions then takes seconds for a query that runs in milliseconds. The
 * hashes and sorts of a million-row window spill to disk at the default 4 MB of work memory,
 * so this connection gets more while it reads (PostgreSQL's memory, not this process's).
 */
export async function withAnalyticPlans<T>(db: Database, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  return db.sql.withLock(DETECT_LOCK, async (sql) => {
    await sql.exec(`SET enable_nestloop = off; SET jit = off; SET work_mem = '${ANALYTIC_WORK_MEM}'`);
    try {
      return await work(sql);
    } finally {
      await sql.exec('RESET enable_nestloop; RESET jit; RESET work_mem');
    }
  });
}

export async function detectIntermediaries(db: Database, options: DetectionOptions = {}): Promise<DetectionResult> {
  const o = resolveOptions(options);
  return withAnalyticPlans(db, async (sql) => {
    const window = await resolveWindow(sql, o.asOf, o.windowDays);
    if (window === null) return { asOf: null, windowDays: o.windowDays, suspects: [], rings: [], colludingHandlers: [] };
    return (await detectInWindow(sql, window, o)).result;
  });
}

/** A detection with what an incremental update needs to score like it until the next full run. */
export interface DetectionDetails {
  readonly result: DetectionResult;
  /** Median unrelated principals per registered clerk, by organisation kind. */
  readonly clerkBaselines: ReadonlyMap<string, number>;
}

export async function detectInWindow(sql: SqlRunner, window: Window, o: ResolvedOptions): Promise<DetectionDetails> {
  const features = await agentFeatures(sql, window, o);
  const pairsByAgent = groupBy(await agentHandlerPairs(sql, window), (p) => p.agent);
  const { edges, heavy } = await networkGraph(sql, window, o.maxSharers);
  const baselines = clerkBaselines(features);
  const base = new Map(features.map((f) => [f.agent, agentComponents(f, pairsByAgent.get(f.agent) ?? [], baselines, o.windowDays)]));
  const strangers = new Set(features.filter((f) => f.unrelated > 0).map((f) => f.agent));
  const baseScore = new Map([...base].map(([a, parts]) => [a, combine(parts)]));
  const seeds = new Set([...baseScore].filter(([, score]) => score >= RING_SEED_SCORE).map(([agent]) => agent));
  const rings = findRings(communities(withHeavyTies(edges, heavy, baseScore), o.seed, seeds, RING_MIN_SEEDS), baseScore, strangers);
  const ringOf = new Map([...rings].flatMap(([id, c]) => c.persons.map((p) => [p, { ringId: id, members: c.persons.length }] as const)));
  const suspects = features
    .map((f: AgentFeatures) => suspectOf(f, base.get(f.agent) ?? [], ringOf.get(f.agent) ?? null, pairsByAgent.get(f.agent) ?? []))
    .filter((s) => s.score >= o.minScore).sort(bySuspicion);
  const suspectIds = new Set(suspects.map((s) => s.idNumber));
  const rows = await concentrationRows(sql, window, [
    ...[...new Set([...suspectIds, ...ringOf.keys()])].sort().map((a) => ({ unit: a, keys: [`p:${a}`] })),
    ...[...rings].map(([ringId, c]) => ({ unit: ringId, keys: [...c.phones.map((p) => `m:${p}`), ...c.bookerAccounts.map((a) => `a:${a}`)] })),
  ]);
  const activity = await ringActivity(sql, window, rings);
  const favouredBy = new Map([...rings].map(([ringId, c]) => [ringId, poolByHandler(rows, new Set([...c.persons, ringId])).filter(isRingFavoured)]));
  const ringList: Ring[] = [...rings].map(([ringId, c]) => ({
    ringId, members: c.persons, phones: c.phones, bookerAccounts: c.bookerAccounts,
    favouredHandlers: (favouredBy.get(ringId) ?? []).map((h) => h.handler),
    transactionCount: activity.get(ringId)?.transactionCount ?? 0, firstSeen: activity.get(ringId)?.firstSeen ?? null, lastSeen: activity.get(ringId)?.lastSeen ?? null,
  })).sort((a, b) => b.transactionCount - a.transactionCount || (a.ringId < b.ringId ? -1 : 1));
  const units = new Set([...suspectIds, ...rings.keys()]);
  const result = { asOf: window.to.toISOString(), windowDays: o.windowDays, suspects, rings: ringList, colludingHandlers: colluders(rows, units, favouredBy) };
  return { result, clerkBaselines: baselines };
}
