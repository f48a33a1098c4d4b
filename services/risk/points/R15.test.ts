import { describe, expect, it } from 'vitest';
import type { PartyName } from '../features.ts';
import { R15 } from './R15.ts';
import { evidenceOf, expectOutcome, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const person = (n: number, name: string | null): PartyName => ({ key: `P:${n}`, kind: 'PERSON', name });
const org = (n: number, name: string): PartyName => ({ key: `O:${n}`, kind: 'ORGANISATION', name });
const rows = (value: PartyName[], address: string | null = '杭州市上城区解放路100号'): FeaturesPatch => ({
  tx: { applicant: { address } }, aggregates: { addressApplicants: { windowDays: 90, value } },
});
/** n applicants named with the given surnames, round robin. */
const people = (n: number, surnames: string[]): PartyName[] => Array.from({ length: n }, (_, i) => person(i, `${surnames[i % surnames.length]}某`));

describe('R15 住址多人共用', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['6 applicants, 3 surnames', rows(people(6, ['张', '李', '王'])), 'hit'],
    ['5 applicants, 3 surnames', rows(people(5, ['张', '李', '王'])), 'miss'],
    ['7 applicants, 3 surnames', rows(people(7, ['张', '李', '王'])), 'hit'],
    ['6 applicants, 2 surnames (a family)', rows(people(6, ['张', '李'])), 'miss'],
    ['6 applicants, 4 surnames', rows(people(6, ['张', '李', '王', '赵'])), 'hit'],
    ['compound surnames count as themselves', rows(people(6, ['欧阳', '欧', '阳'])), 'hit'],
    ['欧阳 and 欧阳 are one surname', rows(people(6, ['欧阳', '欧阳', '张'])), 'miss'],
    ['same applicant under two names counts once', rows([...people(5, ['张', '李', '王']), person(0, '张某某')]), 'miss'],
    ['unnamed applicants count as applicants, not surnames', rows([...people(4, ['张', '李', '王']), person(10, null), person(11, null)]), 'hit'],
    ['organisations count as applicants but have no surname', rows([...people(4, ['张', '李']), org(1, '王氏公司'), org(2, '赵氏公司')]), 'miss'],
    ['no address', rows(people(9, ['张', '李', '王']), null), 'miss'],
    ['address of punctuation only', rows(people(9, ['张', '李', '王']), '，。 '), 'miss'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R15, patch), expected);
  });

  it('uses configured thresholds', () => {
    expectOutcome(run(R15, rows(people(4, ['张', '李'])), { minApplicants: 4, minSurnames: 2 }), 'hit');
    expect(() => run(R15, rows(people(6, ['张', '李', '王'])), { windowDays: 30 })).toThrow(/addressApplicants/);
  });

  it('explains', () => {
    const outcome = run(R15, rows(people(6, ['张', '李', '王'])));
    expect(outcome).toMatchObject({ reason: '申请人住址90天内被6名不同申请人(3个不同姓氏)使用' });
    expect(evidenceOf(outcome)).toMatchObject({ distinctApplicants: 6, distinctSurnames: 3 });
  });
});
