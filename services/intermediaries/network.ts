/**
 * Rings: communities of the weighted network. Connected components are split with Louvain
 * (seeded, so the same data gives the same rings); a community is a ring when at least two of
 * its people are suspects on their own evidence.
 */
import { createHash } from 'node:crypto';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { EdgeList } from './network-edges.ts';
import { seededRandom } from './stats.ts';

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

/** Union-find over the nodes of the edges `kept`: each node's component root. */
function componentOf(list: EdgeList, kept: Int32Array): Int32Array {
  const parent = Int32Array.from({ length: list.names.length }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    for (let j = i; parent[j] !== root;) [j, parent[j]] = [parent[j] as number, root];
    return root;
  };
  for (const e of kept) {
    const [a, b] = [find(list.source(e)), find(list.target(e))];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  return parent.map((_, i) => find(i));
}

/**
 * An identifier tied to one node only (a client's own phone, written by their agent) says
 * nothing about who works with whom, yet its weight would pull Louvain towards splitting
 * every busy agent into a star of their own; persons left with no tie drop out with it.
 * (The SQL already leaves such ties out; heavy ties added afterwards are filtered here.)
 * Returns the indices of the edges kept, in order.
 */
function linkingEdges(list: EdgeList): Int32Array {
  const degree = new Int32Array(list.names.length);
  for (let e = 0; e < list.length; e++) {
    degree[list.source(e)] = (degree[list.source(e)] as number) + 1;
    degree[list.target(e)] = (degree[list.target(e)] as number) + 1;
  }
  const linking = (n: number) => (degree[n] as number) >= 2 || (list.names[n] as string).startsWith('p:');
  const kept: number[] = [];
  for (let e = 0; e < list.length; e++) if (linking(list.source(e)) && linking(list.target(e))) kept.push(e);
  return Int32Array.from(kept);
}

/**
 * Edges (indices into `list`) of the components that hold at least `minSeeds` seed persons,
 * and the share of the network's weight they carry. A community never spans two components,
 * so a component with fewer seeds can never hold a ring: at a million transactions that
 * leaves out almost the whole network before Louvain builds its graph.
 */
export function seededComponents(list: EdgeList, edges: Int32Array, seeds: ReadonlySet<string>, minSeeds: number): { edges: Int32Array; weightShare: number } {
  const component = componentOf(list, edges);
  const counted = new Uint8Array(list.names.length);
  const seedCount = new Map<number, number>();
  for (const e of edges) {
    for (const n of [list.source(e), list.target(e)]) {
      if (counted[n]) continue;
      counted[n] = 1;
      const name = list.names[n] as string;
      if (name.startsWith('p:') && seeds.has(name.slice(2))) seedCount.set(component[n] as number, (seedCount.get(component[n] as number) ?? 0) + 1);
    }
  }
  const kept = edges.filter((e) => (seedCount.get(component[list.source(e)] as number) ?? 0) >= minSeeds);
  let total = 0;
  for (const e of edges) total += list.weight(e);
  let share = 0;
  for (const e of kept) share += list.weight(e);
  return { edges: kept, weightShare: total > 0 ? share / total : 1 };
}

/**
 * The graph Louvain splits: the linking edges, of the components holding `minSeeds` seeds when
 * `seeds` are given (see seededComponents), and the resolution that goes with it — Louvain's
 * gain compares a tie with the community's share of the whole network, so the kept components
 * are split as they would be inside the whole. The edge list is not needed after this.
 */
export function seededGraph(list: EdgeList, seeds?: ReadonlySet<string>, minSeeds = 2): { graph: UndirectedGraph; weightShare: number } {
  const linking = linkingEdges(list);
  const { edges, weightShare } = seeds ? seededComponents(list, linking, seeds, minSeeds) : { edges: linking, weightShare: 1 };
  const graph = new UndirectedGraph();
  // add* after has* rather than merge*: merge returns a tuple per call, and a few hundred
  // thousand of them are garbage the process carries until the next full collection.
  for (const e of edges) {
    const source = list.names[list.source(e)] as string;
    const target = list.names[list.target(e)] as string;
    if (!graph.hasNode(source)) graph.addNode(source);
    if (!graph.hasNode(target)) graph.addNode(target);
    if (graph.hasEdge(source, target)) graph.setEdgeAttribute(source, target, 'weight', list.weight(e));
    else graph.addEdge(source, target, { weight: list.weight(e) });
  }
  return { graph, weightShare };
}

/** Louvain communities of `graph` (seeded) with at least one person, members sorted, in a stable order. */
export function communitiesOf(graph: UndirectedGraph, weightShare: number, seed: number, seeds?: ReadonlySet<string>, minSeeds = 2): Community[] {
  if (graph.order === 0) return [];
  const mapping = louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed), resolution: weightShare });
  const groups = new Map<number, string[]>();
  for (const node of [...graph.nodes()].sort()) {
    const list = groups.get(mapping[node] as number);
    if (list) list.push(node);
    else groups.set(mapping[node] as number, [node]);
  }
  const tiesOf = (node: string) => graph.neighbors(node).filter((n) => !n.startsWith('p:') && mapping[n] === mapping[node]).length;
  // Ties are counted only where a ring can be (minSeeds seeds): counting them for every busy
  // agent's community allocates a neighbour list per person for nothing.
  const mayBeRing = (persons: readonly string[]) => !seeds || persons.filter((p) => seeds.has(p.slice(2))).length >= minSeeds;
  return [...groups.values()]
    .map((nodes) => ({ nodes, persons: nodes.filter((n) => n.startsWith('p:')) }))
    .map(({ nodes, persons }) => ({
      persons: persons.map((n) => n.slice(2)),
      ties: new Map(mayBeRing(persons) ? persons.map((n) => [n.slice(2), tiesOf(n)]) : []),
      phones: nodes.filter((n) => n.startsWith('m:')).map((n) => n.slice(2)),
      bookerAccounts: nodes.filter((n) => n.startsWith('a:')).map((n) => n.slice(2)),
    }))
    .filter((c) => c.persons.length > 0)
    .sort((a, b) => ((a.persons[0] as string) < (b.persons[0] as string) ? -1 : 1));
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

