/**
 * From an agent's aggregates to a suspect: the evidence components, the ring component when
 * the agent belongs to a ring, the combined score and the evidence record. Shared by the full
 * recompute and the incremental update, so both score a person the same way.
 */
import type { AgentFeatures } from './agent-features.ts';
import type { AgentHandlerPair } from './collusion.ts';
import { combine, segmentOf, type Component } from './scoring.ts';
import type { Suspect } from './types.ts';

const RING_STRENGTH = 0.45;

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function ringComponent(ringId: string, peers: number): Component {
  return { key: 'ring', strength: RING_STRENGTH, reason: `与${peers}名代办人通过共用电话或预约账号相互关联, 疑属同一团伙(${ringId})` };
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

/** The ring an agent belongs to, as the score needs it. */
export interface RingMembership {
  readonly ringId: string;
  readonly members: number;
}

const partsOf = (base: readonly Component[], ring: RingMembership | null): Component[] => (ring ? [...base, ringComponent(ring.ringId, ring.members - 1)] : [...base]);

/** The score suspectOf gives, without building the suspect (most agents of a window are not one). */
export function scoreOf(base: readonly Component[], ring: RingMembership | null): number {
  return combine(partsOf(base, ring));
}

/** A scored agent: `base` are the components of their own evidence; ring membership adds one more. */
export function suspectOf(f: AgentFeatures, base: readonly Component[], ring: RingMembership | null, pairs: readonly AgentHandlerPair[]): Suspect {
  const parts = partsOf(base, ring);
  const ordered = [...parts].sort((a, b) => b.strength - a.strength);
  return {
    idNumber: f.agent, phone: f.phone, segment: segmentOf(f), score: combine(parts), ringId: ring?.ringId ?? null,
    reasons: ordered.map((c) => c.reason), evidence: evidenceOf(f, pairs),
  };
}

export const bySuspicion = (a: Suspect, b: Suspect): number => b.score - a.score || (a.idNumber < b.idNumber ? -1 : 1);
