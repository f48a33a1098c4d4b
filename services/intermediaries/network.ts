/**
 * Rings: communities of the weighted network. Connected components are split with Louvain
 * (seeded, so the same data gives the same rings); a community is a ring when at least two of
 * its people are suspects on their own evidence.
 */
import { createHash } from 'node:crypto';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { NetworkEdge } from './network-edges.ts';
import type { Reader } from './reader.ts';
import { seededRandom } from './stats.ts';
import type { Window } from './window.ts';

export interface Community {
  readonly persons: string[];
  /** Per person, how many distinct phones and booker accounts of the same community it is tied to. */
  readonly ties: ReadonlyMap<string, number>;
  readonly phones: string[];
  readonly bookerAccounts: string[];
}

/**
 * The package is CommonJS whose typings declare an ES default export: under NodeNext the
 * default import is `module.exports` itself at run time but typed as the namespace.
 */
type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

/** Union-find over node indices: the connected components of the edge list. */
function componentOf(edges: readonly NetworkEdge[], index: ReadonlyMap<string, number>): Int32Array {
  const parent = Int32Array.from({ length: index.size }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    for (let j = i; parent[j] !== root;) [j, parent[j]] = [parent[j] as number, root];
    return root;
  };
  for (const e of edges) {
    const [a, b] = [find(index.get(e.source) as number), find(index.get(e.target) as number)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  return parent.map((_, i) => find(i));
}

/**
 * Edges of the components that hold at least `minSeeds` seed persons, and the share of the
 * network's weight they carry. A community never spans two components, so a component with
 * fewer seeds can never hold a ring: at a million transactions that leaves out almost the
 * whole network before Louvain builds its graph.
 */
export function seededComponents(edges: readonly NetworkEdge[], seeds: ReadonlySet<string>, minSeeds: number): { edges: NetworkEdge[]; weightShare: number } {
  const index = new Map<string, number>();
  for (const e of edges) for (const n of [e.source, e.target]) if (!index.has(n)) index.set(n, index.size);
  const component = componentOf(edges, index);
  const seedCount = new Map<number, number>();
  for (const [node, i] of index) if (node.startsWith('p:') && seeds.has(node.slice(2))) seedCount.set(component[i] as number, (seedCount.get(component[i] as number) ?? 0) + 1);
  const kept = edges.filter((e) => (seedCount.get(component[index.get(e.source) as number] as number) ?? 0) >= minSeeds);
  const total = edges.reduce((sum, e) => sum + e.weight, 0);
  return { edges: kept, weightShare: total > 0 ? kept.reduce((sum, e) => sum + e.weight, 0) / total : 1 };
}

/**
 * Louvain communities with at least one person, members sorted, in a stable order. With
 * `seeds`, only components holding `minSeeds` of them are split (see seededComponents), at a
 * resolution scaled by their share of the weight: Louvain's gain compares a tie with the
 * community's share of the whole network, so the kept components are split as they would be
 * inside the whole.
 */
export function communities(all: readonly NetworkEdge[], seed: number, seeds?: ReadonlySet<string>, minSeeds = 2): Community[] {
  const { edges, weightShare } = seeds ? seededComponents(linkingEdges(all), seeds, minSeeds) : { edges: linkingEdges(all), weightShare: 1 };
  const graph = new UndirectedGraph();
  for (const e of edges) {
    graph.mergeNode(e.source);
    graph.mergeNode(e.target);
    graph.mergeEdge(e.source, e.target, { weight: e.weight });
  }
  if (graph.order === 0) return [];
  const mapping = louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed), resolution: weightShare });
  const groups = new Map<number, string[]>();
  for (const node of [...graph.nodes()].sort()) {
    const list = groups.get(mapping[node] as number);
    if (list) list.push(node);
    else groups.set(mapping[node] as number, [node]);
  }
  const tiesOf = (node: string) => graph.neighbors(node).filter((n) => !n.startsWith('p:') && mapping[n] === mapping[node]).length;
  return [...groups.values()]
    .map((nodes) => ({
      persons: nodes.filter((n) => n.startsWith('p:')).map((n) => n.slice(2)),
      ties: new Map(nodes.filter((n) => n.startsWith('p:')).map((n) => [n.slice(2), tiesOf(n)])),
      phones: nodes.filter((n) => n.startsWith('m:')).map((n) => n.slice(2)),
      bookerAccounts: nodes.filter((n) => n.startsWith('a:')).map((n) => n.slice(2)),
    }))
    .filter((c) => c.persons.length > 0)
    .sort((a, b) => ((a.persons[0] as string) < (b.persons[0] as string) ? -1 : 1));
}

/**
 * An identifier tied to one node only (a client's own phone, written by their agent) says
 * nothing about who works with whom, yet its weight would pull Louvain towards splitting
 * every busy agent into a star of their own; persons left with no tie drop out with it.
 * (The SQL already leaves such ties out; heavy ties added afterwards are filtered here.)
 */
function linkingEdges(edges: readonly NetworkEdge[]): NetworkEdge[] {
  const degree = new Map<string, number>();
  for (const e of edges) for (const n of [e.source, e.target]) degree.set(n, (degree.get(n) ?? 0) + 1);
  const linking = (n: string) => n.startsWith('p:') || (degree.get(n) ?? 0) >= 2;
  return edges.filter((e) => linking(e.source) && linking(e.target));
}

/** A ring id that stays the same while its membership does. */
export function ringIdOf(members: readonly string[]): string {
  return `RING-${createHash('sha256').update([...members].sort().join(',')).digest('hex').slice(0, 8).toUpperCase()}`;
}

export interface RingActivity {
  readonly transactionCount: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

/** The window's transactions carrying a ring's member (as agent), phone or booking account, read through the identifier indexes. */
const ACTIVITY_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(ring, key)),
hits AS (
  SELECT seq, accepted_at, 'p:' || agent_id_number AS key FROM transaction WHERE agent_id_number = ANY($5::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || applicant_phone FROM transaction WHERE applicant_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || agent_phone FROM transaction WHERE agent_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'm:' || booker_phone FROM transaction WHERE booker_phone = ANY($6::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, 'a:' || booker_account FROM transaction WHERE booker_account = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2)
SELECT k.ring, count(DISTINCT hits.seq)::int AS n, min(hits.accepted_at) AS first_seen, max(hits.accepted_at) AS last_seen
FROM hits JOIN k ON k.key = hits.key GROUP BY k.ring`;

interface ActivityRow extends Record<string, unknown> { ring: string; n: number; first_seen: Date | string; last_seen: Date | string }

/** Transactions touching each ring's members or identifiers, in one query for all rings. */
export async function ringActivity(sql: Reader, window: Window, rings: ReadonlyMap<string, Community>): Promise<Map<string, RingActivity>> {
  const ids: string[] = [];
  const keys: string[] = [];
  for (const [ringId, c] of rings) {
    const all = [...c.persons.map((p) => `p:${p}`), ...c.phones.map((p) => `m:${p}`), ...c.bookerAccounts.map((a) => `a:${a}`)];
    for (const key of all) {
      ids.push(ringId);
      keys.push(key);
    }
  }
  if (ids.length === 0) return new Map();
  const values = (prefix: string) => [...new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2)))];
  const rows = await sql.query<ActivityRow>(ACTIVITY_SQL, [window.from, window.to, ids, keys, values('p:'), values('m:'), values('a:')]);
  return new Map(rows.map((r) => [r.ring, {
    transactionCount: r.n, firstSeen: new Date(r.first_seen).toISOString(), lastSeen: new Date(r.last_seen).toISOString(),
  }]));
}
