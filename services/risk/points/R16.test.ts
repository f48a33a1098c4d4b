import { describe, expect, it } from 'vitest';
import type { Principal } from '../features.ts';
import { R16 } from './R16.ts';
import { evidenceOf, expectOutcome, IDS, ORG_CODE, run, withAgent, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const AGENT_ADDRESS = '杭州市西湖区文三路8号';
const stranger = (n: number): Principal => ({ key: `P:${n}`, kind: 'PERSON', name: `张${n}`, address: `地址${n}` });
/** Rows carry the normalised address, as the fetcher stores it. */
const relative = (n: number, address = AGENT_ADDRESS): Principal => ({ key: `P:R${n}`, kind: 'PERSON', name: `李${n}`, address });
const principals = (value: Principal[], agent: Parameters<typeof withAgent>[0] = {}): FeaturesPatch => ({
  tx: withAgent(agent), aggregates: { agentPrincipals: { windowDays: 30, value } },
});
const strangers = (n: number): Principal[] => Array.from({ length: n }, (_, i) => stranger(i));

describe('R16 频繁代办', () => {
  it.each<[string, FeaturesPatch, Expected, number?]>([
    ['no agent', { aggregates: { agentPrincipals: { windowDays: 30, value: strangers(9) } } }, 'miss'],
    ['4 distinct applicants', principals(strangers(4)), 'miss'],
    ['5 distinct applicants', principals(strangers(5)), 'hit', 5],
    ['6 distinct applicants', principals(strangers(6)), 'hit', 6],
    ['same applicant on several rows counts once', principals([...strangers(4), { ...stranger(0), address: '别处' }]), 'miss'],
    ['3 strangers + 3 relatives = 4', principals([...strangers(3), relative(1), relative(2), relative(3)]), 'miss', undefined],
    ['4 strangers + 2 relatives = 5', principals([...strangers(4), relative(1), relative(2)]), 'hit', 5],
    ['same surname, other address: not family', principals([...strangers(3), relative(1, '别处1'), relative(2, '别处2')]), 'hit', 5],
    ['same address, other surname: not family', principals([...strangers(3), { ...relative(1), name: '王一' }, { ...relative(2), name: '王二' }]), 'hit', 5],
    ['agent address written with spaces and full-width digits still matches', principals([...strangers(3), relative(1), relative(2)], { address: '杭州市 西湖区文三路８号。' }), 'miss'],
    ['agent without address: no family grouping', principals([...strangers(3), relative(1), relative(2)], { address: null }), 'hit', 5],
    ['organisation principals are never family', principals([...strangers(3), { ...relative(1), kind: 'ORGANISATION', key: 'O:1' }, { ...relative(2), kind: 'ORGANISATION', key: 'O:2' }]), 'hit', 5],
    ['registered clerk is exempt', { ...principals(strangers(9), { idNumber: IDS.clerk, orgCode: ORG_CODE }) }, 'miss'],
    ['registered clerk, orgCode in lower case', { ...principals(strangers(9), { idNumber: IDS.clerk, orgCode: ORG_CODE.toLowerCase() }) }, 'miss'],
    ['orgCode of a registered organisation but not on its clerk list', principals(strangers(9), { orgCode: ORG_CODE }), 'hit', 9],
    ['clerk id but orgCode not registered', principals(strangers(9), { idNumber: IDS.clerk, orgCode: '91330100MA2ZZZZZZ9' }), 'hit', 9],
    ['clerk id without orgCode', principals(strangers(9), { idNumber: IDS.clerk, orgCode: null }), 'hit', 9],
  ])('%s → %s', (_name, patch, expected, distinct) => {
    const outcome = expectOutcome(run(R16, patch), expected);
    if (distinct !== undefined) expect(evidenceOf(outcome).distinctApplicants).toBe(distinct);
  });

  it('checks the window and honours parameters', () => {
    expect(() => run(R16, principals(strangers(5)), { windowDays: 60 })).toThrow(/agentPrincipals/);
    expectOutcome(run(R16, principals(strangers(3)), { minApplicants: 3 }), 'hit');
  });

  it('explains, mentioning the family', () => {
    expect(run(R16, principals(strangers(7)))).toMatchObject({ reason: '代办人30天内为7名不同申请人代办' });
    expect(run(R16, principals([...strangers(4), relative(1), relative(2)]))).toMatchObject({ reason: '代办人30天内为5名不同申请人代办(其中2名同姓同址家庭成员计为1名)' });
  });
});
