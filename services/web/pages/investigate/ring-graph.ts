/**
 * A ring's network as the graph script draws it: each node with a label, a kind, a link and a
 * one-line description. Nodes first shown are the members and what they share (phones, booker
 * accounts); addresses and handlers appear when a node next to them is clicked (expand).
 */
import type { NetworkEdge, NetworkNode } from '../../../intermediaries/index.ts';

export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly href?: string;
  readonly info?: string;
  readonly suspect?: boolean;
  /** Hidden until a neighbour is clicked. */
  readonly collapsed?: boolean;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly weight: number;
}

export const NODE_KIND_NAMES: Readonly<Record<string, string>> = { person: '人员', phone: '电话', address: '地址', booker: '预约账号', handler: '经办人' };
export const EDGE_KIND_NAMES: Readonly<Record<string, string>> = {
  AGENT_PHONE: '代办人使用', CLIENT_PHONE: '客户留此电话', BOOKED_WITH: '以此账号预约', HANDLED_BY: '由其经办', LIVES_AT: '居住于', SAME_TRANSACTION: '同一笔业务',
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

function describe(n: NetworkNode): Omit<GraphNode, 'id' | 'kind'> {
  switch (n.kind) {
    case 'person': return {
      label: text(n.name) ?? text(n.idNumber) ?? n.id, href: `/investigate/persons/${encodeURIComponent(String(n.ref))}`,
      info: `${text(n.idNumber) ?? ''}${n.score !== null && n.score !== undefined ? ` · 嫌疑分 ${String(n.score)}` : ''}`, suspect: n.member === true,
    };
    case 'phone': return { label: text(n.phone) ?? n.id, info: '电话' };
    case 'address': return { label: text(n.address) ?? n.id, info: '地址', collapsed: true };
    case 'booker': return { label: text(n.bookerAccount) ?? n.id, info: '预约账号' };
    case 'handler': return { label: `${text(n.name) ?? ''} ${text(n.handlerId) ?? ''}`.trim(), info: n.favoured ? '经办人（偏向该团伙）' : '经办人', collapsed: n.favoured !== true };
  }
}

export function graphOf(network: { nodes: readonly NetworkNode[]; edges: readonly NetworkEdge[] }): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: network.nodes.map((n) => ({ id: n.id, kind: n.kind, ...describe(n) })),
    edges: network.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, kind: e.kind, weight: e.weight })),
  };
}
