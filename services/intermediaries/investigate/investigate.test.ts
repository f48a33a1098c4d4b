import { describe, expect, it } from 'vitest';
import { csvCell } from './export-suspects-csv.ts';
import { buildRingNetwork, type RingTransaction } from './ring-network.ts';
import { classify, normalisedValue } from './search-query.ts';
import { maskText, present } from './viewer.ts';

describe('search kinds read off the text', () => {
  it.each([
    ['330106198505052313', 'idNumber'], ['33010619850505231x', 'idNumber'], ['139 1234 5678', 'phone'], ['+86 13912345678', 'phone'],
    ['0571-88888888', 'phone'], ['LSVAU218XN2183294', 'vin'], ['浙A·12345', 'plate'], ['浙AD12345', 'plate'], ['h10023', 'handler'],
    ['张三', 'name'], ['欧阳明月', 'name'], ['杭州市西湖区文三路8号', 'address'],
    ['zhangwei', 'name'], ['Zhang Wei', 'name'], ['zw', 'name'], ['张wei', 'name'], ['王国栋', 'name'],
    ['幸福路', 'address'], ['阳光小区', 'address'], ['幸福路12号', 'address'], ['3栋501', 'address'],
  ])('%s is a %s', (q, kind) => {
    expect(classify(q)).toBe(kind);
  });

  it('normalises the value as the tables hold it', () => {
    expect(normalisedValue('phone', '+86 139-1234-5678')).toBe('13912345678');
    expect(normalisedValue('plate', '浙a·12345')).toBe('浙A12345');
    expect(normalisedValue('address', '西湖区文三路８号楼')).toBe('西湖文三路8幢');
    expect(normalisedValue('idNumber', '33010619850505231x')).toBe('33010619850505231X');
  });
});

describe('masking of investigator views', () => {
  it('masks phones and ID numbers quoted in reasons, as well as the fields', () => {
    expect(maskText('本人电话13900001234留在5名申请人的登记信息上; 330106198505052313')).toBe('本人电话139****1234留在5名申请人的登记信息上; 330106********2313');
    const viewer = { actor: 'x', roles: ['INVESTIGATOR' as const], unmask: false };
    expect(present(viewer, { idNumber: '330106198505052313', reasons: ['电话13900001234'], lift: 3.25 })).toEqual({ idNumber: '330106********2313', reasons: ['电话139****1234'], lift: 3.25 });
    expect(present({ ...viewer, unmask: true }, { phone: '13900001234' })).toEqual({ phone: '13900001234' });
  });

  it('defuses spreadsheet formulas and quotes CSV cells', () => {
    expect([csvCell('=HYPERLINK("x")'), csvCell('a,b'), csvCell(null), csvCell(42)]).toEqual(["\"'=HYPERLINK(\"\"x\"\")\"", '"a,b"', '', '42']);
  });
});

describe('ring network', () => {
  const tx = (seq: string, over: Partial<RingTransaction>): RingTransaction => ({
    seq, acceptedAt: `2026-03-0${seq}T01:00:00.000Z`, agent: null, applicantPhone: null, agentPhone: null, bookerPhone: null, bookerAccount: null, handlerId: 'H1', ...over,
  });
  const network = buildRingNetwork({
    members: [
      { idNumber: 'A', ref: 'ra', name: '甲', score: 80, address: '杭州市西湖区文三路1号' },
      { idNumber: 'B', ref: 'rb', name: '乙', score: 70, address: '杭州市西湖文三路１号' },
    ],
    phones: new Set(['P1', 'P2']), accounts: new Set(['acct']), favoured: new Set(['H1']), handlerNames: new Map([['H1', '经办']]),
    transactions: [
      tx('1', { agent: 'A', agentPhone: 'P1', applicantPhone: 'P2', bookerAccount: 'acct' }),
      tx('2', { agent: 'B', agentPhone: 'P1', bookerPhone: 'P2' }),
      tx('3', { applicantPhone: 'P2', bookerAccount: 'acct', handlerId: 'H9' }),
      tx('4', { agent: 'Z', applicantPhone: 'unrelated' }),
    ],
  });
  const kindOf = new Map(network.nodes.map((n) => [n.id, n.kind]));

  it('draws persons, phones, a shared address, bookers and handlers, each once', () => {
    expect(network.nodes.map((n) => n.kind).sort()).toEqual(['address', 'booker', 'handler', 'person', 'person', 'phone', 'phone']);
  });

  it('weighs edges by transactions with their first and last time', () => {
    const edge = (kind: string, a: string, b: string) => network.edges.filter((e) => e.kind === kind && kindOf.get(e.source) === a && kindOf.get(e.target) === b);
    expect(edge('AGENT_PHONE', 'person', 'phone')).toHaveLength(2);
    expect(edge('LIVES_AT', 'person', 'address')).toHaveLength(2);
    expect(edge('SAME_TRANSACTION', 'phone', 'booker')).toMatchObject([{ transactions: 1, firstSeen: '2026-03-03T01:00:00.000Z' }]);
    const handled = network.edges.filter((e) => e.kind === 'HANDLED_BY');
    expect(handled.map((e) => e.transactions).sort()).toEqual([1, 1]);
    for (const e of network.edges) expect(kindOf.has(e.source) && kindOf.has(e.target)).toBe(true);
  });
});
