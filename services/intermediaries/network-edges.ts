/**
 * The weighted network, as edges computed in SQL. Nodes are agents (`p:` + ID number), phones
 * (`m:`) and booker accounts (`a:`); two nodes are linked when one transaction carries both.
 * An identifier links only when 2..maxSharers distinct people used it in the window and it is
 * not a registered organisation's or clerk's phone; rarer identifiers weigh more (1/ln(1+n)).
 * An identifier tied to one node only (a client's own phone, written by their agent) says
 * nothing about who works with whom and is left out here, in SQL: at a million transactions
 * most edges are such ties, and shipping them to the process only to drop them costs memory.
 *
 * One statement gives both the edges and the heavy ties (identifiers above maxSharers), so the
 * per-identifier count of people is made once. Distinct counts are taken by hashing distinct
 * pairs first (count(DISTINCT …) sorts millions of rows); weights are rounded so that the sum
 * does not depend on the order the rows were added in, on either back end.
 */
import { forEachPage, type Reader } from './reader.ts';
import { REGISTERED_PHONES_SQL, type Window } from './window.ts';

/**
 * The network's edges, compact: node names interned once, edges as parallel typed arrays in the
 * order the query gave them (Louvain is seeded, and its result depends on that order). At a
 * million transactions the network has hundreds of thousands of edges: as one object each,
 * with their names repeated, they cost this process more memory than everything else the
 * detector holds.
 */
export class EdgeList {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private sources = new Int32Array(1024);
  private targets = new Int32Array(1024);
  private weights = new Float64Array(1024);
  length = 0;

  node(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }

  add(source: string, target: string, weight: number): void {
    if (this.length === this.sources.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => { const b = make(a.length * 2); b.set(a); return b; };
      this.sources = grow(this.sources, (n) => new Int32Array(n));
      this.targets = grow(this.targets, (n) => new Int32Array(n));
      this.weights = grow(this.weights, (n) => new Float64Array(n));
    }
    this.sources[this.length] = this.node(source);
    this.targets[this.length] = this.node(target);
    this.weights[this.length] = weight;
    this.length++;
  }

  source(e: number): number { return this.sources[e] as number; }
  target(e: number): number { return this.targets[e] as number; }
  weight(e: number): number { return this.weights[e] as number; }
}

/** A tie between an agent and an identifier too common to link ordinary people. */
export interface HeavyTie {
  readonly agent: string;
  readonly token: string;
  readonly sharers: number;
  readonly transactions: number;
}

const NETWORK_SQL = `
WITH w AS (
  SELECT seq, applicant_key, agent_id_number, applicant_phone, agent_phone, booker_phone, booker_account
  FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2),
registered AS (${REGISTERED_PHONES_SQL}),
tok AS MATERIALIZED (
  SELECT DISTINCT w.seq, w.applicant_key, w.agent_id_number, v.token FROM w
  CROSS JOIN LATERAL (VALUES ('m:' || w.applicant_phone), ('m:' || w.agent_phone), ('m:' || w.booker_phone), ('a:' || w.booker_account)) v(token)
  WHERE v.token IS NOT NULL AND NOT (v.token LIKE 'm:%' AND substr(v.token, 3) IN (SELECT phone FROM registered))),
users AS MATERIALIZED (
  SELECT token, count(*)::int AS n FROM (
    SELECT token, applicant_key AS person FROM tok
    UNION SELECT token, 'P:' || agent_id_number FROM tok WHERE agent_id_number IS NOT NULL) u
  GROUP BY token),
node AS MATERIALIZED (
  SELECT t.seq, t.token, 1.0 / ln(1 + u.n) AS r FROM tok t JOIN users u ON u.token = t.token WHERE u.n BETWEEN 2 AND $3
  UNION ALL SELECT seq, 'p:' || agent_id_number, 1.0 FROM w WHERE agent_id_number IS NOT NULL),
edge AS MATERIALIZED (
  SELECT a.token AS source, b.token AS target, round(sum(a.r * b.r)::numeric, 9)::float8 AS weight
  FROM node a JOIN node b ON a.seq = b.seq AND a.token < b.token
  GROUP BY 1, 2),
degree AS (SELECT n, count(*) AS d FROM (SELECT source AS n FROM edge UNION ALL SELECT target FROM edge) e GROUP BY n)
SELECT a, b, weight, transactions, sharers FROM (
  SELECT e.source AS a, e.target AS b, e.weight, NULL::int AS transactions, 0 AS sharers FROM edge e
  JOIN degree ds ON ds.n = e.source JOIN degree dt ON dt.n = e.target
  WHERE (e.source LIKE 'p:%' OR ds.d >= 2) AND (e.target LIKE 'p:%' OR dt.d >= 2)
  UNION ALL
  SELECT t.agent_id_number, t.token, NULL, count(*)::int, u.n FROM tok t JOIN users u ON u.token = t.token
  WHERE u.n > $3 AND t.agent_id_number IS NOT NULL GROUP BY t.agent_id_number, t.token, u.n) r
ORDER BY sharers > 0, a, b`;

/** An edge (sharers 0, no transactions: the list keeps only the weight) or a heavy tie (sharers > maxSharers). */
interface Row extends Record<string, unknown> { a: string; b: string; weight: number | null; transactions: number | null; sharers: number }

/**
 * The network's edges, and agents' ties to identifiers used by more than maxSharers people.
 * Heavy ties never link ordinary people; the detector lets them link only people who are
 * suspects on their own evidence, because a tout's hotline written on sixty clients' records
 * is the ring's, not noise. Read in pages straight into the compact list.
 */
export async function networkGraph(sql: Reader, window: Window, maxSharers: number): Promise<{ edges: EdgeList; heavy: HeavyTie[] }> {
  const edges = new EdgeList();
  const heavy: HeavyTie[] = [];
  await forEachPage<Row>(sql, 'intermediary_network', NETWORK_SQL, [window.from, window.to, maxSharers], (rows) => {
    for (const r of rows) {
      if (r.sharers === 0) edges.add(r.a, r.b, Number(r.weight));
      else heavy.push({ agent: r.a, token: r.b, sharers: r.sharers, transactions: r.transactions ?? 0 });
    }
  });
  return { edges, heavy };
}
