/**
 * The weighted network. Nodes are agents (`p:` + ID number), phones (`m:`) and booker
 * accounts (`a:`); two nodes are linked when one transaction carries both. An identifier
 * links only when 2..maxSharers distinct people used it in the window and it is not a
 * registered organisation's or clerk's phone; rarer identifiers weigh more (1/ln(1+n)). An
 * identifier tied to one node only (a client's own phone, written by their agent) says
 * nothing about who works with whom and is left out: at a million transactions most edges
 * are such ties.
 *
 * Computed in this process from the window's rows (window-scan.ts), not in SQL: as one
 * statement (DISTINCT, GROUP BY and a self-join over a million rows), the embedded engine,
 * single-threaded WebAssembly spilling its hashes to temporary files, spent a third of the
 * full run on it; here it takes a few seconds. One scan interns every identifier and person
 * to an integer, counts each identifier's people and keeps each transaction as five integers
 * (network-window.ts); the edges are then counted over those integers.
 *
 * Weights are what the statement gave, to the bit: a node's factor depends only on its
 * identifier's count of people, so an edge's weight is one product added once per
 * transaction that carries both (the same sum in any order), rounded as PostgreSQL rounds a
 * float8 to numeric(…, 9). The factors themselves come from the database (its ln).
 */
import { grown, PairCounts } from './network-tables.ts';
import { NONE, readWindowTokens, ROW_WIDTH, type WindowTokens } from './network-window.ts';
import type { Reader } from './reader.ts';
import type { Window } from './window.ts';

/**
 * The network's edges, compact: node names interned once, edges as parallel typed arrays in the
 * order they were added (Louvain is seeded, and its result depends on that order). At a
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


/** Node ids, dense over the identifiers and agents that are nodes: an identifier's id as is, an agent's as -(id + 1). */
class Nodes {
  private readonly ofToken: Int32Array;
  private readonly ofAgent: Int32Array;
  private refs = new Int32Array(1024);
  size = 0;

  constructor(w: WindowTokens) {
    this.ofToken = new Int32Array(w.tokens.size).fill(NONE);
    this.ofAgent = new Int32Array(w.agents.size).fill(NONE);
  }

  private add(ref: number): number {
    this.refs = grown(this.refs, this.size + 1, (n) => new Int32Array(n));
    this.refs[this.size] = ref;
    return this.size++;
  }

  token(t: number): number {
    const known = this.ofToken[t] as number;
    return known !== NONE ? known : (this.ofToken[t] = this.add(t));
  }

  agent(a: number): number {
    const known = this.ofAgent[a] as number;
    return known !== NONE ? known : (this.ofAgent[a] = this.add(-(a + 1)));
  }

  /** The identifier's id, or NONE for an agent. */
  tokenOf(node: number): number {
    const ref = this.refs[node] as number;
    return ref >= 0 ? ref : NONE;
  }

  name(w: WindowTokens, node: number): string {
    const ref = this.refs[node] as number;
    return ref >= 0 ? w.tokens.name(ref) : `p:${w.agents.name(-ref - 1)}`;
  }
}

/** Transactions per pair of nodes they carry (smaller id first), and per agent and identifier above maxSharers. */
function countPairs(w: WindowTokens, maxSharers: number): { nodes: Nodes; pairs: PairCounts; heavy: PairCounts } {
  const nodes = new Nodes(w);
  const pairs = new PairCounts();
  const heavy = new PairCounts();
  const row = new Int32Array(ROW_WIDTH);
  for (let at = 0; at < w.rowCount * ROW_WIDTH; at += ROW_WIDTH) {
    const agent = w.rows[at] as number;
    let m = 0;
    if (agent !== NONE) row[m++] = nodes.agent(agent);
    for (let i = 1; i < ROW_WIDTH; i++) {
      const token = w.rows[at + i] as number;
      if (token === NONE) break;
      const people = w.people(token);
      if (people >= 2 && people <= maxSharers) row[m++] = nodes.token(token);
      else if (people > maxSharers && agent !== NONE) heavy.add(agent, token);
    }
    for (let i = 0; i < m; i++) {
      const x = row[i] as number;
      for (let j = i + 1; j < m; j++) {
        const y = row[j] as number;
        if (x < y) pairs.add(x, y);
        else pairs.add(y, x);
      }
    }
  }
  return { nodes, pairs, heavy };
}

/**
 * PostgreSQL's round(x::numeric, 9)::float8: the float8 becomes a numeric of 15 significant
 * digits (float8_numeric prints it with %.15g), which is rounded half away from zero. Below
 * 10^5 those digits reach past the ninth decimal, and away from a half they round as the
 * float itself does: then k / 10^9 (one correctly rounded division, as PostgreSQL reads the
 * numeric back). Otherwise the digits are rounded as text.
 */
export function roundAsNumeric(x: number): number {
  const scaled = x * 1e9;
  const rounded = Math.round(scaled);
  if (x > 0 && x < 1e5 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-5 * x + 1e-6) return rounded / 1e9;
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? '-' : '';
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential(14).split('e');
  const digits = mantissa.replace('.', '');
  const keep = Number(exponent) + 10;
  if (keep >= digits.length) return Number(`${sign}${mantissa}e${exponent}`);
  if (keep < 0) return 0;
  const up = digits.charCodeAt(keep) >= 53; // '5'
  return Number(`${sign}${BigInt(digits.slice(0, keep) || '0') + (up ? 1n : 0n)}e-9`);
}

/** 1/ln(1 + n) for n = 2..upTo, from the database so that the factors are its own to the bit. */
async function factors(sql: Reader, upTo: number): Promise<Float64Array> {
  const factor = new Float64Array(Math.max(upTo, 1) + 1);
  if (upTo < 2) return factor;
  const rows = await sql.query<{ n: number; r: number }>('SELECT n, 1.0 / ln(1 + n) AS r FROM generate_series(2, $1::int) n', [upTo]);
  for (const r of rows) factor[Number(r.n)] = Number(r.r);
  return factor;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether each node is an end of an edge kept in the network: an agent, or an identifier with two edges or more. */
function linkedNodes(nodes: Nodes, pairs: PairCounts): Uint8Array {
  const degree = new Int32Array(nodes.size);
  pairs.forEach((x, y) => {
    degree[x] = (degree[x] as number) + 1;
    degree[y] = (degree[y] as number) + 1;
  });
  return Uint8Array.from(degree, (d, n) => (nodes.tokenOf(n) === NONE || d >= 2 ? 1 : 0));
}

/**
 * The kept edges' nodes sorted by name (code units, the same on both back ends), and each
 * one's place in that order. Sorted as `name \0 node`: the default sort compares code units
 * natively, and no name holds a NUL (PostgreSQL text cannot).
 */
function rankByName(w: WindowTokens, nodes: Nodes, pairs: PairCounts, linked: Uint8Array): { names: string[]; byRank: Int32Array; rank: Int32Array } {
  const rank = new Int32Array(nodes.size).fill(NONE);
  pairs.forEach((x, y) => {
    if (linked[x] && linked[y]) rank[x] = rank[y] = 0;
  });
  const tagged: string[] = [];
  for (let n = 0; n < nodes.size; n++) if (rank[n] === 0) tagged.push(`${nodes.name(w, n)}\0${n}`);
  tagged.sort();
  const names = new Array<string>(tagged.length);
  const byRank = new Int32Array(tagged.length);
  tagged.forEach((t, r) => {
    const cut = t.lastIndexOf('\0');
    names[r] = t.slice(0, cut);
    byRank[r] = Number(t.slice(cut + 1));
    rank[byRank[r] as number] = r;
  });
  return { names, byRank, rank };
}

/**
 * The network's edges, each oriented and the list sorted by its ends' names; weights as the
 * statement summed and rounded them. An edge is ordered by the number (rank of its first end
 * × nodes + rank of its second), so that a native numeric sort orders them.
 */
async function edgesOf(sql: Reader, w: WindowTokens, nodes: Nodes, pairs: PairCounts): Promise<EdgeList> {
  const linked = linkedNodes(nodes, pairs);
  const { names, byRank, rank } = rankByName(w, nodes, pairs, linked);
  const keys: number[] = [];
  pairs.forEach((x, y) => {
    if (!linked[x] || !linked[y]) return;
    const [a, b] = [rank[x] as number, rank[y] as number];
    keys.push(a < b ? a * names.length + b : b * names.length + a);
  });
  const order = Float64Array.from(keys).sort();
  let upTo = 0;
  for (const n of byRank) if (nodes.tokenOf(n) !== NONE) upTo = Math.max(upTo, w.people(nodes.tokenOf(n)));
  const factor = await factors(sql, upTo);
  const factorOf = (n: number) => (nodes.tokenOf(n) === NONE ? 1 : (factor[w.people(nodes.tokenOf(n))] as number));
  const edges = new EdgeList();
  for (const key of order) {
    const a = Math.floor(key / names.length);
    const b = key - a * names.length;
    const [x, y] = [byRank[a] as number, byRank[b] as number];
    // The statement's sum: the same product added once per transaction that carries both.
    const product = factorOf(x) * factorOf(y);
    let weight = 0;
    for (let i = pairs.get(Math.min(x, y), Math.max(x, y)); i > 0; i--) weight += product;
    edges.add(names[a] as string, names[b] as string, roundAsNumeric(weight));
  }
  return edges;
}

function heavyTiesOf(w: WindowTokens, heavy: PairCounts): HeavyTie[] {
  const ties: HeavyTie[] = [];
  heavy.forEach((agent, token, transactions) => {
    ties.push({ agent: w.agents.name(agent), token: w.tokens.name(token), sharers: w.people(token), transactions });
  });
  return ties.sort((x, y) => byCodeUnits(x.agent, y.agent) || byCodeUnits(x.token, y.token));
}

/**
 * The network's edges, and agents' ties to identifiers used by more than maxSharers people.
 * Heavy ties never link ordinary people; the detector lets them link only people who are
 * suspects on their own evidence, because a tout's hotline written on sixty clients' records
 * is the ring's, not noise. Both are sorted by name, so that the seeded Louvain sees the same
 * order on both back ends.
 */
export async function networkGraph(sql: Reader, window: Window, maxSharers: number): Promise<{ edges: EdgeList; heavy: HeavyTie[] }> {
  const w = await readWindowTokens(sql, window);
  const { nodes, pairs, heavy } = countPairs(w, maxSharers);
  return { edges: await edgesOf(sql, w, nodes, pairs), heavy: heavyTiesOf(w, heavy) };
}
