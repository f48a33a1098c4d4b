import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, surnameOf } from './names.ts';

describe('surnameOf', () => {
  it.each([
    ['张三', '张'], ['王小明', '王'], ['欧阳修', '欧阳'], ['司马光', '司马'], ['诸葛亮', '诸葛'],
    ['申屠嘉', '申屠'], ['欧小阳', '欧'], ['  李四 ', '李'], ['𠮷田', '𠮷'], ['', null], ['   ', null],
  ])('%s → %s', (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });

  it('handles absent names', () => {
    expect(surnameOf(null)).toBeNull();
    expect(surnameOf(undefined)).toBeNull();
  });

  it('knows the twenty compound surnames of the spec', () => {
    expect(COMPOUND_SURNAMES).toHaveLength(20);
    for (const s of COMPOUND_SURNAMES) expect(surnameOf(`${s}某`)).toBe(s);
  });
});
