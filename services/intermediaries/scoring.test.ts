import { describe, expect, it } from 'vitest';
import type { AgentFeatures } from './agent-features.ts';
import type { AgentHandlerPair } from './collusion.ts';
import { agentComponents, clerkBaselines, combine } from './scoring.ts';

const agent = (over: Partial<AgentFeatures>): AgentFeatures => ({
  agent: '330106198505052313', phone: '13900000000', transactions: 0, principals: 0, unrelated: 0, kin: 0, ownPhone: 0, sharedPhone: 0,
  hoarded: 0, phoneCoAgents: 0, asClerk: 0, orgCode: null, orgKind: null, stations: 1, firstSeen: '2026-03-01T00:00:00.000Z',
  lastSeen: '2026-03-30T00:00:00.000Z', ...over,
});
const clerk = (id: string, unrelated: number): AgentFeatures =>
  agent({ agent: id, transactions: unrelated, principals: unrelated, unrelated, asClerk: unrelated, orgCode: '91330100MA2XXXXXX1', orgKind: 'DEALER' });

describe('intermediary scoring', () => {
  it('says in plain Chinese, with the number, how many unrelated people an agent acted for', () => {
    const parts = agentComponents(agent({ transactions: 12, principals: 12, unrelated: 12 }), [], new Map(), 90);
    expect(parts.map((p) => p.reason)).toEqual(['90天内为12名无亲属关系的申请人代办']);
    expect(combine(parts)).toBe(60);
  });

  it('does not count relatives: an agent acting only for their household has no evidence', () => {
    expect(agentComponents(agent({ transactions: 6, principals: 3, unrelated: 0, kin: 3 }), [], new Map(), 90)).toEqual([]);
  });

  it('compares a registered clerk with the clerks of the same kind, not with private persons', () => {
    const peers = [clerk('A', 100), clerk('B', 120), clerk('C', 90), clerk('D', 700)];
    const baselines = clerkBaselines(peers);
    expect(baselines.get('DEALER')).toBe(110);
    expect(agentComponents(peers[0] as AgentFeatures, [], baselines, 90)).toEqual([]);
    const busy = agentComponents(peers[3] as AgentFeatures, [], baselines, 90);
    expect(busy.map((p) => p.key)).toEqual(['volume']);
    expect(busy[0]?.reason).toContain('作为登记经办员');
  });

  it('adds shared phones, hoarded appointments, split identities and a favoured handler', () => {
    const pair: AgentHandlerPair = { agent: 'x', handler: 'H10003', observed: 24, total: 28, expected: 3.3, lift: 7.3, pValue: 1e-18 };
    const parts = agentComponents(agent({ transactions: 4, principals: 4, unrelated: 4, ownPhone: 2, sharedPhone: 3, hoarded: 2, phoneCoAgents: 1 }), [pair], new Map(), 90);
    expect(parts.map((p) => p.key)).toEqual(['volume', 'ownPhone', 'sharedPhone', 'hoarding', 'splitIdentity', 'collusion']);
    expect(combine(parts)).toBeGreaterThanOrEqual(80);
    expect(parts.every((p) => /\d/.test(p.reason))).toBe(true);
  });
});
