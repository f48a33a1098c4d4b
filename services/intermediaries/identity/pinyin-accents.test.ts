import { describe, expect, it } from 'vitest';
import { MAX_NEAR_READINGS, nearReadings, splitPinyin, syllableVariants } from './pinyin-accents.ts';
import { pinyinQuery } from './pinyin.ts';

describe('near-sounding readings (模糊音)', () => {
  it.each([
    ['zhang', ['zhang', 'zhan', 'zang', 'zan']],
    ['zan', ['zan', 'zang', 'zhan', 'zhang']],
    ['chen', ['chen', 'cheng', 'cen', 'ceng']],
    ['shi', ['shi', 'si']],
    ['liu', ['liu', 'niu']],
    ['ning', ['ning', 'nin', 'ling', 'lin']],
    ['hu', ['hu', 'fu']],
    ['wei', ['wei']],
    ['xiong', ['xiong']],
    ['an', ['an', 'ang']],
  ])('%s → %j', (syllable, variants) => {
    expect(syllableVariants(syllable).sort()).toEqual([...variants].sort());
  });

  it('combines the syllables and leaves the readings themselves out', () => {
    expect(nearReadings([['zhang', 'wei']]).sort()).toEqual(['zangwei', 'zanwei', 'zhanwei']);
    // Two readings that are each other's variants add nothing new.
    expect(nearReadings([['wang', 'wei'], ['wan', 'wei']])).toEqual([]);
    const long = nearReadings([['zhang', 'cheng', 'shan', 'ning', 'lan']]);
    // Five swappable syllables have 4⁵ = 1,024 combinations: the expansion stops at the cap.
    expect(long.length).toBeLessThanOrEqual(MAX_NEAR_READINGS);
    expect(long.length).toBeGreaterThan(MAX_NEAR_READINGS / 2);
  });

  it.each([
    ['zhangwei', ['zhang', 'wei']],
    ['xian', ['xian']],
    ['lvxun', ['lv', 'xun']],
    ['changan', ['chang', 'an']],
    ['zw', null],
    ['qqq', null],
  ])('splits %s into %j', (letters, syllables) => {
    expect(splitPinyin(letters)).toEqual(syllables);
  });

  it('expands what the investigator types, in Chinese or in letters, and nothing for initials', () => {
    expect(pinyinQuery('zangwei')!.near).toContain('zhangwei');
    expect(pinyinQuery('詹伟')!.near).toContain('zhangwei');
    expect(pinyinQuery('刘宁')!.near).toEqual(expect.arrayContaining(['niuning', 'liulin', 'niulin']));
    expect(pinyinQuery('zhangwei')!.near).not.toContain('zhangwei');
    expect(pinyinQuery('zw')!.near).toEqual([]);
  });
});
