/**
 * Turns an agent's aggregates into evidence components, each a strength in [0, 1) with a
 * plain-Chinese reason, combined like the risk score: 100 × (1 − Π(1 − cᵢ)). Several weak
 * signals together (a few clients, a shared phone, a hoarded slot) outweigh one strong-looking
 * one, which is how rotating touts who stay under every single threshold are still found.
 */
import type { AgentFeatures } from './agent-features.ts';
import type { AgentHandlerPair } from './collusion.ts';
import { median } from './stats.ts';

export interface Component {
  readonly key: string;
  readonly strength: number;
  readonly reason: string;
}

/** Registered clerks are compared with clerks of the same organisation kind; this many times the peers' median is "far above". */
const CLERK_FACTOR = 3;
/** A binomial tail this small, with at least this lift, is a favoured handler rather than chance. */
export const COLLUSION_P = 1e-4;
export const COLLUSION_LIFT = 3;

const ramp = (value: number, from: number, to: number, max: number): number =>
  value <= from ? 0 : max * Math.min(1, (value - from) / (to - from));

/** Median unrelated principals per registered clerk, by organisation kind (the segment baseline). */
export function clerkBaselines(features: readonly AgentFeatures[]): Map<string, number> {
  const byKind = new Map<string, number[]>();
  for (const f of features) {
    if (!isClerk(f) || f.orgKind === null) continue;
    byKind.set(f.orgKind, [...(byKind.get(f.orgKind) ?? []), f.unrelated]);
  }
  return new Map([...byKind].map(([kind, values]) => [kind, median(values)]));
}

/** A registered clerk (most of their cases as a clerk of their organisation) is judged against their segment. */
export function isClerk(f: AgentFeatures): boolean {
  return f.orgKind !== null && f.asClerk * 2 >= f.transactions;
}

export function segmentOf(f: AgentFeatures): string {
  return isClerk(f) ? `CLERK:${f.orgKind ?? ''}` : 'INDIVIDUAL';
}

function volume(f: AgentFeatures, baselines: ReadonlyMap<string, number>, days: number): Component | null {
  if (isClerk(f)) {
    const peers = Math.max(1, baselines.get(f.orgKind as string) ?? 1);
    const strength = ramp(f.unrelated / peers, CLERK_FACTOR, 2 * CLERK_FACTOR, 0.5);
    return strength > 0 ? { key: 'volume', strength, reason: `作为登记经办员, ${days}天内代办${f.unrelated}名申请人, 为同类机构经办员中位数(${peers})的${(f.unrelated / peers).toFixed(1)}倍` } : null;
  }
  const strength = ramp(f.unrelated, 2, 12, 0.6);
  return strength > 0 ? { key: 'volume', strength, reason: `${days}天内为${f.unrelated}名无亲属关系的申请人代办` } : null;
}

function contacts(f: AgentFeatures): Component[] {
  const out: Component[] = [];
  const own = ramp(f.ownPhone, 0, 4, 0.45);
  if (own > 0) out.push({ key: 'ownPhone', strength: own, reason: `本人电话${f.phone ?? ''}留在${f.ownPhone}名无亲属关系申请人的登记信息上` });
  const shared = ramp(f.sharedPhone, 0, 4, 0.4);
  if (shared > 0) out.push({ key: 'sharedPhone', strength: shared, reason: `所代办的${f.sharedPhone}名申请人登记的电话与其他无关申请人共用` });
  const hoard = ramp(f.hoarded, 0, 4, 0.4);
  if (hoard > 0) out.push({ key: 'hoarding', strength: hoard, reason: `所代办的${f.hoarded}名申请人的预约由同一批预约手机号/账号抢占` });
  if (f.phoneCoAgents > 0) out.push({ key: 'splitIdentity', strength: 0.35, reason: `其电话另有${f.phoneCoAgents}名代办人使用(疑似借用身份)` });
  return out;
}

function collusion(pairs: readonly AgentHandlerPair[]): Component | null {
  const best = pairs.find((p) => p.pValue <= COLLUSION_P && p.lift >= COLLUSION_LIFT);
  if (!best) return null;
  return {
    key: 'collusion', strength: 0.3,
    reason: `${best.total}笔业务中${best.observed}笔由经办人${best.handler}受理, 是按岗位占比预期(${best.expected.toFixed(1)}笔)的${best.lift.toFixed(1)}倍 (p=${best.pValue.toExponential(1)})`,
  };
}

export function agentComponents(
  f: AgentFeatures, pairs: readonly AgentHandlerPair[], baselines: ReadonlyMap<string, number>, days: number,
): Component[] {
  const parts = [volume(f, baselines, days), ...contacts(f), collusion(pairs)];
  return parts.filter((c): c is Component => c !== null);
}

export function combine(components: readonly Component[]): number {
  return Math.round(100 * (1 - components.reduce((rest, c) => rest * (1 - c.strength), 1)));
}
