import { describe, expect, it } from 'vitest';
import type { AgentFeatures } from '../../../intermediaries/agent-features.ts';
import { assessLink } from '../../../intermediaries/identity/link-scoring.ts';
import { suspectOf } from '../../../intermediaries/suspects.ts';
import { LINK_EVIDENCE_LABELS, LINK_EVIDENCE_TEXT, segmentName, SUSPECT_EVIDENCE_LABELS, SUSPECT_EVIDENCE_TEXT } from './evidence-labels.ts';

const clerk: AgentFeatures = {
  agent: '330106198505052313', phone: '13900000000', transactions: 14, principals: 12, unrelated: 11, kin: 1, ownPhone: 2, sharedPhone: 3,
  hoarded: 4, phoneCoAgents: 1, asClerk: 14, orgCode: '91330100MA2XXXXXX1', orgKind: 'DEALER', stations: 2,
  firstSeen: '2026-03-01T00:00:00.000Z', lastSeen: '2026-03-30T04:05:00.000Z',
};

describe('intermediary evidence in Chinese', () => {
  it('labels every key of a suspect the detector scores, with a handler pair and an organisation', () => {
    const pair = { agent: clerk.agent, handler: 'H10002', observed: 9, total: 14, expected: 1.2, lift: 7.5, pValue: 0.0001 };
    const suspect = suspectOf(clerk, [], null, [pair]);
    const keys = Object.keys(suspect.evidence);
    expect(keys).toEqual(expect.arrayContaining(['orgKind', 'topHandler', 'firstSeen']));
    expect(keys.filter((k) => !(k in SUSPECT_EVIDENCE_LABELS))).toEqual([]);
  });

  it('labels every key of a suggested identity link', () => {
    const link = assessLink(
      { key: 'P:330106198505052313', name: '王小明', phone: '13900000000', address: '杭州市西湖区文三路1号' },
      { key: 'P:330106198505052312', name: '王小明', phone: '13900000000', address: '杭州市西湖区文三路1号' },
    );
    expect(link).not.toBeNull();
    expect(Object.keys(link!.evidence).filter((k) => !(k in LINK_EVIDENCE_LABELS))).toEqual([]);
  });

  it.each([
    ['firstSeen', '2026-03-30T04:05:00.000Z', '2026-03-30 12:05'],
    ['orgKind', 'USED_CAR_BROKER', '二手车经纪'],
    ['orgKind', 'SOMETHING_NEW', 'SOMETHING_NEW'],
    ['hoardedPrincipals', 4, '4'],
    ['orgCode', null, '—'],
  ] as const)('suspect %s %j → %s', (key, value, shown) => {
    expect(SUSPECT_EVIDENCE_TEXT.scalar(key, value)).toBe(shown);
  });

  it('reads yes/no of a link and names the detector segments', () => {
    expect(LINK_EVIDENCE_TEXT.scalar('samePhone', true)).toBe('是');
    expect(LINK_EVIDENCE_TEXT.label('idDistance')).toBe('身份号码相差位数');
    expect(segmentName('INDIVIDUAL')).toBe('个人代办');
    expect(segmentName('CLERK:DEALER')).toBe('登记经办员（汽车销售企业）');
    expect(segmentName('CLERK:')).toBe('登记经办员');
    expect(segmentName(null)).toBe('—');
  });
});
