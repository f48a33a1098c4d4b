/**
 * The full recompute: scans of the window counted in this process (agent aggregates and
 * agent–handler pairs, network edges; window-scan.ts), scoring, Louvain rings, then one more
 * scan for handler concentration, the rings' activity and their identifiers. Nothing is read
 * per suspect, so the cost grows with the window, not with the number of suspects.
 */
import type { Database, SqlRunner } from '../platform/db.ts';
import type { AgentFeatures } from './agent-features.ts';
import type { HubIdentifiers } from './hub-identifiers.ts';
import { collectGarbage } from './collect-garbage.ts';
import { concentrationRows, isFavoured, isRingFavoured, poolByHandler, type ConcentrationRow, type HandlerConcentration } from './handler-concentration.ts';
import { communitiesOf, ringIdOf, seededGraph, type Community } from './network.ts';
import { networkGraph, type EdgeList, type HeavyTie } from './network-edges.ts';
import { agentComponents, clerkBaselines, combine } from './scoring.ts';
import { bySuspicion, groupBy, scoreOf, suspectOf, type RingMembership } from './suspects.ts';
import { DEFAULT_OPTIONS, type ColludingHandler, type DetectionOptions, type DetectionResult, type ResolvedOptions, type Ring, type Suspect } from './types.ts';
import { afterRings } from './after-rings.ts';
import type { HandlerCells } from './handler-cells.ts';
import { ringIdentifiers, type SharedIdentifier } from './ring-identifiers.ts';
import { agentFeatures } from './window-features.ts';
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
export const RING_MEMBER_SCORE = 10;
export const RING_MEMBER_TIES = 2;
/**
 * Work memory per sort or hash of the detector's connection. PostgreSQL's is the server's.
 * The embedded engine's is this process's, in a WebAssembly heap that grows and never shrinks:
 * a big query with a dozen hashes sets the process's memory for the rest of its life, so there
 * every sort and hash gets less and spills to disk sooner.
 */
const ANALYTIC_MEMORY: Record<Database['kind'], string> = {
  postgres: "SET work_mem = '64MB'",
  pglite: "SET work_mem = '16MB'; SET hash_mem_multiplier = 1",
};
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

/** Common identifiers join the network only where they tie suspects (see networkGraph): added to the edges. */
function withHeavyTies(network: { edges: EdgeList; heavy: readonly HeavyTie[] }, baseScore: ReadonlyMap<string, number>): EdgeList {
  const suspectTies = network.heavy.filter((t) => (baseScore.get(t.agent) ?? 0) >= RING_SEED_SCORE);
  const agentsPer = groupBy(suspectTies, (t) => t.token);
  for (const t of suspectTies) {
    if ((agentsPer.get(t.token)?.length ?? 0) < 2) continue;
    const person = `p:${t.agent}`;
    network.edges.add(t.token < person ? t.token : person, t.token < person ? person : t.token, t.transactions / Math.log(1 + t.sharers));
  }
  return network.edges;
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
 * so this connection gets more while it reads (see ANALYTIC_MEMORY).
 */
export async function withAnalyticPlans<T>(db: Database, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  return db.sql.withLock(DETECT_LOCK, async (sql) => {
    await sql.exec(`SET enable_nestloop = off; SET jit = off; ${ANALYTIC_MEMORY[db.kind]}`);
    try {
      return await work(sql);
    } finally {
      await sql.exec('RESET enable_nestloop; RESET jit; RESET work_mem; RESET hash_mem_multiplier');
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
  /** Hub agents' identifiers used by two or more principals, for incremental updates (hub-identifiers.ts). */
  readonly hubs: readonly HubIdentifiers[];
  /** Per ring, its identifiers shared by its members (ring-identifiers.ts). */
  readonly shared: ReadonlyMap<string, SharedIdentifier[]>;
}

/** The network's communities that are rings; the network is read and dropped in here (it is the biggest thing the detector holds). */
async function ringsInWindow(sql: SqlRunner, window: Window, o: ResolvedOptions, baseScore: ReadonlyMap<string, number>, strangers: ReadonlySet<string>): Promise<Map<string, Community>> {
  const seeds = new Set([...baseScore].filter(([, score]) => score >= RING_SEED_SCORE).map(([agent]) => agent));
  const network = await networkGraph(sql, window, o.maxSharers);
  // The window's integer tables died with the read: collected before the graph is built on top of them.
  collectGarbage();
  // No name holds the edge list: once the graph is built from it, it can be collected while Louvain runs.
  const { graph, weightShare } = seededGraph(withHeavyTies(network, baseScore), seeds, RING_MIN_SEEDS);
  return findRings(communitiesOf(graph, weightShare, o.seed, seeds, RING_MIN_SEEDS), baseScore, strangers);
}

interface ScoredWindow {
  readonly suspects: Suspect[];
  readonly rings: Map<string, Community>;
  readonly ringOf: ReadonlyMap<string, RingMembership>;
  readonly baselines: Map<string, number>;
  readonly hubs: HubIdentifiers[];
  readonly cells: HandlerCells;
}

/** Every agent of the window scored on their own evidence, the rings, and the suspects; the per-agent reads are dropped on return. */
async function scoreWindow(sql: SqlRunner, window: Window, o: ResolvedOptions): Promise<ScoredWindow> {
  const { features, hubs, pairs, cells } = await agentFeatures(sql, window, o);
  collectGarbage();
  const pairsByAgent = groupBy(pairs, (p) => p.agent);
  const baselines = clerkBaselines(features);
  // Components (with their worded reasons) are made again for the few suspects rather than kept for every agent.
  const componentsOf = (f: AgentFeatures) => agentComponents(f, pairsByAgent.get(f.agent) ?? [], baselines, o.windowDays);
  const baseScore = new Map(features.map((f) => [f.agent, combine(componentsOf(f))]));
  const strangers = new Set(features.filter((f) => f.unrelated > 0).map((f) => f.agent));
  const rings = await ringsInWindow(sql, window, o, baseScore, strangers);
  const ringOf = new Map([...rings].flatMap(([id, c]) => c.persons.map((p) => [p, { ringId: id, members: c.persons.length }] as const)));
  const suspects = features.flatMap((f) => {
    const [base, ring] = [componentsOf(f), ringOf.get(f.agent) ?? null];
    return scoreOf(base, ring) >= o.minScore ? [suspectOf(f, base, ring, pairsByAgent.get(f.agent) ?? [])] : [];
  }).sort(bySuspicion);
  return { suspects, rings, ringOf, baselines, hubs, cells };
}

export async function detectInWindow(sql: SqlRunner, window: Window, o: ResolvedOptions): Promise<DetectionDetails> {
  const { suspects, rings, ringOf, baselines, hubs, cells } = await scoreWindow(sql, window, o);
  collectGarbage();
  const suspectIds = new Set(suspects.map((s) => s.idNumber));
  const concentrationUnits = [
    ...[...new Set([...suspectIds, ...ringOf.keys()])].sort().map((a) => ({ unit: a, keys: [`p:${a}`] })),
    ...[...rings].map(([ringId, c]) => ({ unit: ringId, keys: [...c.phones.map((p) => `m:${p}`), ...c.bookerAccounts.map((a) => `a:${a}`)] })),
  ];
  const seen = await afterRings(sql, window, concentrationUnits, [...rings].map(([ringId, c]) => ({ ringId, members: c.persons, phones: c.phones, bookerAccounts: c.bookerAccounts })));
  const rows = concentrationRows(seen.unitCases, cells);
  const activity = new Map([...seen.activity].map(([ringId, u]) => [ringId, {
    transactionCount: u.transactions, firstSeen: new Date(u.first).toISOString(), lastSeen: new Date(u.last).toISOString(),
  }]));
  const favouredBy = new Map([...rings].map(([ringId, c]) => [ringId, poolByHandler(rows, new Set([...c.persons, ringId])).filter(isRingFavoured)]));
  const ringList: Ring[] = [...rings].map(([ringId, c]) => ({
    ringId, members: c.persons, phones: c.phones, bookerAccounts: c.bookerAccounts,
    favouredHandlers: (favouredBy.get(ringId) ?? []).map((h) => h.handler),
    transactionCount: activity.get(ringId)?.transactionCount ?? 0, firstSeen: activity.get(ringId)?.firstSeen ?? null, lastSeen: activity.get(ringId)?.lastSeen ?? null,
  })).sort((a, b) => b.transactionCount - a.transactionCount || (a.ringId < b.ringId ? -1 : 1));
  const units = new Set([...suspectIds, ...rings.keys()]);
  const result = { asOf: window.to.toISOString(), windowDays: o.windowDays, suspects, rings: ringList, colludingHandlers: colluders(rows, units, favouredBy) };
  return { result, clerkBaselines: baselines, hubs, shared: ringIdentifiers(ringList, seen.identifierUses) };
}
