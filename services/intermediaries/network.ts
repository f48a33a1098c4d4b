/**
 * Rings: communities of the weighted network. Connected components are split with Louvain
 * (seeded, so the same data gives the same rings); a community is a ring when at least two of
 * its people are suspects on their own evidence.
 */
import { createHash } from 'node:crypto';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { SqlRunner } from '../platform/db.ts';
import type { NetworkEdge } from './network-edges.ts';
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

/** Louvain communities with at least one person, members sorted, in a stable order. */
export function communities(edges: readonly NetworkEdge[], seed: number): Community[] {
  const graph = new UndirectedGraph();
  for (const e of edges) {
    graph.mergeNode(e.source);
    graph.mergeNode(e.target);
    graph.mergeEdge(e.source, e.target, { weight: e.weight });
  }
  // An identifier tied to one node only (a client's own phone, written by their agent) says
  // nothing about who works with whom, yet its weight would pull Louvain towards splitting
  // every busy agent into a star of their own; persons left with no tie drop out with it.
  graph.filterNodes((n) => !n.startsWith('p:') && graph.degree(n) < 2).forEach((n) => graph.dropNode(n));
  graph.filterNodes((n) => graph.degree(n) === 0).forEach((n) => graph.dropNode(n));
  if (graph.order === 0) return [];
  const mapping = louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
  const groups = new Map<number, string[]>();
  for (const node of [...graph.nodes()].sort()) groups.set(mapping[node] as number, [...(groups.get(mapping[node] as number) ?? []), node]);
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

/** A ring id that stays the same while its membership does. */
export function ringIdOf(members: readonly string[]): string {
  return `RING-${createHash('sha256').update([...members].sort().join(',')).digest('hex').slice(0, 8).toUpperCase()}`;
}

export interface RingActivity {
  readonly transactionCount: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

const ACTIVITY_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(ring, key)),
w AS (SELECT seq, accepted_at, agent_id_number, applicant_phone, agent_phone, booker_phone, booker_account
      FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
tok AS (
  SELECT w.seq, w.accepted_at, v.key FROM w
  CROSS JOIN LATERAL (VALUES ('p:' || w.agent_id_number), ('m:' || w.applicant_phone), ('m:' || w.agent_phone),
                             ('m:' || w.booker_phone), ('a:' || w.booker_account)) v(key)
  WHERE v.key IS NOT NULL)
SELECT k.ring, count(DISTINCT tok.seq)::int AS n, min(tok.accepted_at) AS first_seen, max(tok.accepted_at) AS last_seen
FROM tok JOIN k ON k.key = tok.key GROUP BY k.ring`;

interface ActivityRow extends Record<string, unknown> { ring: string; n: number; first_seen: Date | string; last_seen: Date | string }

/** Transactions touching each ring's members or identifiers, in one query for all rings. */
export async function ringActivity(sql: SqlRunner, window: Window, rings: ReadonlyMap<string, Community>): Promise<Map<string, RingActivity>> {
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
  const rows = await sql.query<ActivityRow>(ACTIVITY_SQL, [window.from, window.to, ids, keys]);
  return new Map(rows.map((r) => [r.ring, {
    transactionCount: r.n, firstSeen: new Date(r.first_seen).toISOString(), lastSeen: new Date(r.last_seen).toISOString(),
  }]));
}
