import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../domain/check-digits.ts';
import { assessLink, AUTO_MERGE_CONFIDENCE, MIN_LINK_CONFIDENCE } from './link-scoring.ts';
import { editDistance, normaliseName, oneEditPatterns } from './names.ts';
import { personKeyWith, personRefWith } from './person-ref.ts';

const valid = (first17: string): string => `${first17}${idNumberCheckChar(first17)}`;
const ID = valid('33010619850505231');
const TYPO = `${ID.slice(0, 16)}${(Number(ID[16]) + 1) % 10}${ID[17]}`;

describe('names', () => {
  it('normalises width, spaces, dots and case', () => {
    expect(normaliseName(' 阿卜杜·热合曼 ')).toBe('阿卜杜热合曼');
    expect(normaliseName('ｊｏｈｎ smith')).toBe('JOHNSMITH');
    expect(normaliseName('  ')).toBeNull();
  });

  it('counts one edit per character, transpositions included', () => {
    expect(editDistance('张三丰', '张三峰')).toBe(1);
    expect(editDistance('张三丰', '张丰三')).toBe(1);
    expect(editDistance('张三', '张三丰')).toBe(1);
    expect(editDistance('张三丰', '李四')).toBe(3);
    expect(editDistance('330106198505052313', '330106198505052331')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('builds LIKE patterns that find every name one edit away, escaping metacharacters', () => {
    const { patterns, deletions } = oneEditPatterns('张三');
    expect(patterns.sort()).toEqual(['_三', '_张三', '张_', '张_三', '张三_'].sort());
    expect(deletions.sort()).toEqual(['三', '张']);
    expect(oneEditPatterns('a%').patterns).toContain('a\\%_');
  });
});

describe('links between person records', () => {
  const record = (key: string, over: Partial<{ name: string; phone: string | null; address: string | null }> = {}) =>
    ({ key: `P:${key}`, name: '陈思远', phone: '13600000005', address: '杭州市西湖区文三路8号楼501室', ...over });

  it('is sure of a mistyped ID number (check digit broken) with the same name, phone and address', () => {
    const link = assessLink(record(ID), record(TYPO));
    expect(link?.confidence).toBeGreaterThanOrEqual(AUTO_MERGE_CONFIDENCE);
    expect(link?.reasons[0]).toContain('校验码错误');
    expect(link?.evidence).toMatchObject({ idDistance: 1, validA: true, validB: false, samePhone: true, sameAddress: true });
  });

  it('only suggests two valid numbers, however alike the rest (twins, relatives)', () => {
    const twin = valid(`${ID.slice(0, 16)}${(Number(ID[16]) + 2) % 10}`);
    const link = assessLink(record(ID), record(twin, { name: '陈思源' }));
    expect(link === null || link.confidence < AUTO_MERGE_CONFIDENCE).toBe(true);
  });

  it('never links different names or unrelated numbers with nothing else in common', () => {
    expect(assessLink(record(ID), record(TYPO, { name: '李四' }))).toBeNull();
    const other = valid('11010119900101001');
    expect(assessLink(record(ID), record(other, { phone: null, address: null }))).toBeNull();
    expect(MIN_LINK_CONFIDENCE).toBeGreaterThan(0);
  });
});

describe('person references', () => {
  const secret = Buffer.alloc(32, 7);

  it('are stable, opaque and reversible only with the secret', () => {
    const ref = personRefWith(secret, `P:${ID}`);
    expect(ref).toBe(personRefWith(secret, `P:${ID}`));
    expect(ref).not.toContain(ID.slice(6, 14));
    expect(personKeyWith(secret, ref)).toEqual({ ok: true, value: `P:${ID}` });
    expect(personKeyWith(Buffer.alloc(32, 8), ref).ok).toBe(false);
    expect(personKeyWith(secret, `${ref.slice(0, -2)}AA`).ok).toBe(false);
    expect(personKeyWith(secret, 'short').ok).toBe(false);
  });
});
