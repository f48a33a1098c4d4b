/**
 * A ring's network, ready to draw: nodes (person, phone, address, booker, handler) and edges
 * with a kind, a weight (transactions), first and last time and a transaction count, built
 * from the transactions of the ring's window that carry a member or one of its identifiers.
 * Clients are not nodes (they are what the edges count); handlers appear when the ring
 * brought them at least MIN_HANDLER_CASES cases or the detector named them as favoured.
 */
import { canonicalAddress } from '../../domain/index.ts';

export type NodeKind = 'person' | 'phone' | 'address' | 'booker' | 'handler';
export type EdgeKind = 'AGENT_PHONE' | 'CLIENT_PHONE' | 'BOOKED_WITH' | 'HANDLED_BY' | 'LIVES_AT' | 'SAME_TRANSACTION';

export interface NetworkNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Filled by kind: person (ref, idNumber, name, score, member), phone, address, booker (bookerAccount), handler (handlerId, name, favoured). */
  readonly [field: string]: unknown;
}

export interface NetworkEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly weight: number;
  readonly transactions: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface RingTransaction {
  readonly seq: string;
  readonly acceptedAt: string;
  readonly agent: string | null;
  readonly applicantPhone: string | null;
  readonly agentPhone: string | null;
  readonly bookerPhone: string | null;
  readonly bookerAccount: string | null;
  readonly handlerId: string;
}

export interface RingMember { readonly idNumber: string; readonly ref: string; readonly name: string | null; readonly score: number | null; readonly address: string | null }

export interface NetworkInput {
  readonly members: readonly RingMember[];
  /** The ring's identifiers: phones and booking accounts. */
  readonly phones: ReadonlySet<string>;
  readonly accounts: ReadonlySet<string>;
  readonly favoured: ReadonlySet<string>;
  readonly handlerNames: ReadonlyMap<string, string>;
  readonly transactions: readonly RingTransaction[];
}

const MIN_HANDLER_CASES = 3;

class Builder {
  readonly nodes = new Map<string, NetworkNode>();
  private readonly edges = new Map<string, { source: string; target: string; kind: EdgeKind; seqs: Set<string>; first: string | null; last: string | null }>();

  node(key: string, make: () => Omit<NetworkNode, 'id'>): string {
    if (!this.nodes.has(key)) this.nodes.set(key, { ...make(), id: `n${this.nodes.size + 1}` } as NetworkNode);
    return key;
  }

  edge(a: string, b: string, kind: EdgeKind, seq: string | null, at: string | null): void {
    const k = `${kind}|${a}|${b}`;
    const e = this.edges.get(k) ?? { source: a, target: b, kind, seqs: new Set<string>(), first: null, last: null };
    if (seq !== null) e.seqs.add(seq);
    if (at !== null) {
      e.first = e.first === null || at < e.first ? at : e.first;
      e.last = e.last === null || at > e.last ? at : e.last;
    }
    this.edges.set(k, e);
  }

  build(): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
    const idOf = (key: string) => this.nodes.get(key)?.id ?? key;
    return {
      nodes: [...this.nodes.values()],
      edges: [...this.edges.values()].map((e, i) => ({
        id: `e${i + 1}`, source: idOf(e.source), target: idOf(e.target), kind: e.kind,
        weight: Math.max(1, e.seqs.size), transactions: e.seqs.size, firstSeen: e.first, lastSeen: e.last,
      })),
    };
  }
}

export function buildRingNetwork(input: NetworkInput): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const g = new Builder();
  const members = new Map(input.members.map((m) => [m.idNumber, m]));
  for (const m of input.members) {
    g.node(`p:${m.idNumber}`, () => ({ kind: 'person', ref: m.ref, idNumber: m.idNumber, name: m.name, score: m.score, member: true }));
    const home = canonicalAddress(m.address);
    if (home) g.edge(`p:${m.idNumber}`, g.node(`h:${home}`, () => ({ kind: 'address', address: m.address })), 'LIVES_AT', null, null);
  }
  const handlerCases = new Map<string, number>();
  for (const t of input.transactions) if (t.agent === null || members.has(t.agent)) handlerCases.set(t.handlerId, (handlerCases.get(t.handlerId) ?? 0) + 1);
  const shownHandler = (h: string) => input.favoured.has(h) || (handlerCases.get(h) ?? 0) >= MIN_HANDLER_CASES;
  for (const t of input.transactions) {
    const person = t.agent !== null && members.has(t.agent) ? `p:${t.agent}` : null;
    const phone = (p: string | null) => (p !== null && input.phones.has(p) ? g.node(`m:${p}`, () => ({ kind: 'phone', phone: p })) : null);
    const ids = {
      agentPhone: person && t.agentPhone ? g.node(`m:${t.agentPhone}`, () => ({ kind: 'phone', phone: t.agentPhone })) : null,
      clientPhone: phone(t.applicantPhone), bookerPhone: phone(t.bookerPhone),
      account: t.bookerAccount !== null && input.accounts.has(t.bookerAccount) ? g.node(`a:${t.bookerAccount}`, () => ({ kind: 'booker', bookerAccount: t.bookerAccount })) : null,
      handler: shownHandler(t.handlerId) ? g.node(`k:${t.handlerId}`, () => ({ kind: 'handler', handlerId: t.handlerId, name: input.handlerNames.get(t.handlerId) ?? null, favoured: input.favoured.has(t.handlerId) })) : null,
    };
    const from = person ?? ids.clientPhone ?? ids.bookerPhone ?? ids.account;
    if (from === null) continue;
    if (person && ids.agentPhone) g.edge(person, ids.agentPhone, 'AGENT_PHONE', t.seq, t.acceptedAt);
    if (ids.clientPhone && ids.clientPhone !== from) g.edge(from, ids.clientPhone, 'CLIENT_PHONE', t.seq, t.acceptedAt);
    for (const booker of [ids.bookerPhone, ids.account]) if (booker && booker !== from) g.edge(from, booker, person ? 'BOOKED_WITH' : 'SAME_TRANSACTION', t.seq, t.acceptedAt);
    if (ids.handler) g.edge(from, ids.handler, 'HANDLED_BY', t.seq, t.acceptedAt);
  }
  return g.build();
}
