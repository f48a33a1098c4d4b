/**
 * The full recompute: set-based reads of the window (agent aggregates, agent–handler pairs,
 * network edges), scoring, Louvain rings, then one read each for handler concentration and
 * the rings' activity. Nothing is read per row, so the cost grows with the window, not with
 * the number of suspects.
 */
import type { Database, SqlRunner } from '../platform/db.ts';
import { agentFeatures, type AgentFeatures } from './agent-features.ts';
import { agentHandlerPairs, type AgentHandlerPair } from './collusion.ts';
import { concentrationRows, isFavoured, isRingFavoured, poolByHandler, type ConcentrationRow, type HandlerConcentration } from './handler-concentration.ts';
import { communities, ringActivity, ringIdOf, type Community } from './network.ts';
import { heavyTies, networkEdges, type HeavyTie, type NetworkEdge } from './network-edges.ts';
import { agentComponents, clerkBaselines, combine, type Component } from './scoring.ts';
import { DEFAULT_OPTIONS, type ColludingHandler, type DetectionOptions, type DetectionResult, type ResolvedOptions, type Ring, type Suspect } from './types.ts';
import { resolveWindow, type Window } from './window.ts';

/** People scoring this much on their own evidence seed rings; a community needs two of them. */
const RING_SEED_SCORE = 30;
/**
 * A person belongs to a ring's community by some evidence of their own or by ties to two of its
 * identifiers, and only if they ever acted for someone outside their own household: a
 * relative bringing a tout's former client is linked through that client's own phone and
 * booking account, and is no intermediary.
 */
const RING_MEMBER_SCORE = 10;
const RING_MEMBER_TIES = 2;
const RING_STRENGTH = 0.45;
/** One recompute at a time per database (the lock is also how PostgreSQL gives us one connection). */
export const DETECT_LOCK = 720_330_005;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function findRings(found: readonly Community[], baseScore: ReadonlyMap<string, number>, strangers: ReadonlySet<string>): Map<string, Community> {
  const rings = new Map<string, Community>();
  for (const c of found) {
    const members = c.persons.filter((p) => strangers.has(p)
      && ((baseScore.get(p) ?? 0) >= RING_MEMBER_SCORE || (c.ties.get(p) ?? 0) >= RING_MEMBER_TIES));
    if (members.filter((p) => (baseScore.get(p) ?? 0) >= RING_SEED_SCORE).length >= 2) rings.set(ringIdOf(members), { ...c, persons: members });
  }
  return rings;
}

/** Common identifiers join the network only where they tie suspects (see heavyTies). */
function withHeavyTies(edges: readonly NetworkEdge[], ties: readonly HeavyTie[], baseScore: ReadonlyMap<string, number>): NetworkEdge[] {
  const suspectTies = ties.filter((t) => (baseScore.get(t.agent) ?? 0) >= RING_SEED_SCORE);
  const agentsPer = groupBy(suspectTies, (t) => t.token);
  const linking = suspectTies.filter((t) => (agentsPer.get(t.token)?.length ?? 0) >= 2);
  return [...edges, ...linking.map((t) => ({
    source: t.token < `p:${t.agent}` ? t.token : `p:${t.agent}`, target: t.token < `p:${t.agent}` ? `p:${t.agent}` : t.token,
    weight: t.transactions / Math.log(1 + t.sharers), transactions: t.transactions,
  }))];
}

function evidenceOf(f: AgentFeatures, pairs: readonly AgentHandlerPair[]): Record<string, number | string> {
  const evidence: Record<string, number | string> = {
    transactions: f.transactions, principals: f.principals, unrelatedPrincipals: f.unrelated, kin: f.kin,
    ownPhoneOnPrincipals: f.ownPhone, sharedPhonePrincipals: f.sharedPhone, hoardedPrincipals: f.hoarded,
    phoneCoAgents: f.phoneCoAgents, asRegisteredClerk: f.asClerk, stations: f.stations, firstSeen: f.firstSeen, lastSeen: f.lastSeen,
  };
  if (f.orgCode) evidence.orgCode = f.orgCode;
  if (f.orgKind) evidence.orgKind = f.orgKind;
  const best = pairs[0];
  if (best) Object.assign(evidence, { topHandler: best.handler, topHandlerLift: Number(best.lift.toFixed(2)), topHandlerPValue: best.pValue });
  return evidence;
}

function suspectOf(f: AgentFeatures, parts: readonly Component[], ringId: string | null, pairs: readonly AgentHandlerPair[]): Suspect {
  const ordered = [...parts].sort((a, b) => b.strength - a.strength);
  return { idNumber: f.agent, phone: f.phone, score: combine(parts), ringId, reasons: ordered.map((c) => c.reason), evidence: evidenceOf(f, pairs) };
}

/** Handlers favoured by the suspects as a whole, or by one ring; each with the suspects who favour it. */
function colluders(rows: readonly ConcentrationRow[], units: ReadonlySet<string>, byRing: readonly HandlerConcentration[]): ColludingHandler[] {
  const pooled = poolByHandler(rows, units);
  const chosen = new Map<string, HandlerConcentration>();
  for (const h of [...pooled.filter(isFavoured), ...byRing]) {
    const known = chosen.get(h.handler);
    if (!known || h.pValue < known.pValue) chosen.set(h.handler, h);
  }
  const agentsOf = new Map(pooled.map((h) => [h.handler, h.agents]));
  return [...chosen.values()]
    .map((h) => ({ handlerId: h.handler, agents: agentsOf.get(h.handler) ?? h.agents, lift: Number(h.lift.toFixed(2)), pValue: h.pValue }))
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
 * compiling the expressions then takes seconds for a query that runs in milliseconds.
 */
async function withAnalyticPlans<T>(db: Database, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  return db.sql.withLock(DETECT_LOCK, async (sql) => {
    await sql.exec('SET enable_nestloop = off; SET jit = off');
    try {
      return await work(sql);
    } finally {
      await sql.exec('RESET enable_nestloop; RESET jit');
    }
  });
}

export async function detectIntermediaries(db: Database, options: DetectionOptions = {}): Promise<DetectionResult> {
  const o = resolveOptions(options);
  return withAnalyticPlans(db, async (sql) => {
    const window = await resolveWindow(sql, o.asOf, o.windowDays);
    if (window === null) return { asOf: null, windowDays: o.windowDays, suspects: [], rings: [], colludingHandlers: [] };
    return detectIn(sql, window, o);
  });
}

async function detectIn(sql: SqlRunner, window: Window, o: ResolvedOptions): Promise<DetectionResult> {
  const features = await agentFeatures(sql, window, o);
  const pairsByAgent = groupBy(await agentHandlerPairs(sql, window), (p) => p.agent);
  const edges = await networkEdges(sql, window, o.maxSharers);
  const heavy = await heavyTies(sql, window, o.maxSharers);
  const baselines = clerkBaselines(features);
  const base = new Map(features.map((f) => [f.agent, agentComponents(f, pairsByAgent.get(f.agent) ?? [], baselines, o.windowDays)]));
  const strangers = new Set(features.filter((f) => f.unrelated > 0).map((f) => f.agent));
  const baseScore = new Map([...base].map(([a, parts]) => [a, combine(parts)]));
  const rings = findRings(communities(withHeavyTies(edges, heavy, baseScore), o.seed), baseScore, strangers);
  const ringOf = new Map([...rings].flatMap(([id, c]) => c.persons.map((p) => [p, id] as const)));
  const suspects = features.map((f) => {
    const ringId = ringOf.get(f.agent) ?? null;
    const parts = [...(base.get(f.agent) ?? [])];
    const peers = ringId ? (rings.get(ringId)?.persons.length ?? 1) - 1 : 0;
    if (ringId) parts.push({ key: 'ring', strength: RING_STRENGTH, reason: `与${peers}名代办人通过共用电话或预约账号相互关联, 疑属同一团伙(${ringId})` });
    return suspectOf(f, parts, ringId, pairsByAgent.get(f.agent) ?? []);
  }).filter((s) => s.score >= o.minScore).sort((a, b) => b.score - a.score || (a.idNumber < b.idNumber ? -1 : 1));
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
  return { asOf: window.to.toISOString(), windowDays: o.windowDays, suspects, rings: ringList, colludingHandlers: colluders(rows, units, [...favouredBy.values()].flat()) };
}
