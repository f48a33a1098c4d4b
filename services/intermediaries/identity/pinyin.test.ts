import { describe, expect, it } from 'vitest';
import { nameKeys, oneDeletions, pinyinQuery } from './pinyin.ts';

describe('pinyin keys of names', () => {
  it.each([
    // name, whole pinyin per reading (surname reading first), initials
    ['张伟', ['zhangwei'], ['zw']],
    ['张玮', ['zhangwei'], ['zw']],
    ['章维', ['zhangwei'], ['zw']],
    ['曾小贤', ['zengxiaoxian', 'cengxiaoxian'], ['zxx', 'cxx']],
    ['单田芳', ['shantianfang', 'dantianfang'], ['stf', 'dtf']],
    ['解缙', ['xiejin', 'jiejin'], ['xj', 'jj']],
    ['查良镛', ['zhaliangyong', 'chaliangyong'], ['zly', 'cly']],
    ['仇英', ['qiuying', 'chouying'], ['qy', 'cy']],
    ['朴树', ['piaoshu', 'pushu'], ['ps']],
    ['尉迟恭', ['yuchigong', 'weichigong'], ['ycg', 'wcg']],
    ['欧阳明月', ['ouyangmingyue'], ['oymy']],
    ['吕布', ['lvbu', 'lubu'], ['lb']],
    ['阿卜杜·热合曼', ['abudureheman'], ['abdrhm']],
    ['ｊｏｈｎ smith', ['johnsmith'], []],
  ])('%s → %j %j', (name, pinyin, initials) => {
    const keys = nameKeys(name);
    expect(keys?.pinyin).toEqual(pinyin);
    expect(keys?.initials).toEqual(initials);
  });

  it('keeps the normalised name and its one-character deletions', () => {
    expect(nameKeys(' 阿卜杜·热合曼 ')?.normalised).toBe('阿卜杜热合曼');
    expect(nameKeys('张三丰')?.deletions).toEqual(['三丰', '张丰', '张三']);
    expect(nameKeys('  ')).toBeNull();
  });

  it('lists every deletion once, none for a single character', () => {
    expect(oneDeletions('李')).toEqual([]);
    expect(oneDeletions('欧阳阳')).toEqual(['阳阳', '欧阳']);
  });
});

describe('what a typed name searches for', () => {
  it.each([
    // typed, whole pinyin, initials
    ['张玮', ['zhangwei'], []],
    ['zhangwei', ['zhangwei'], ['zhangwei']],
    ['Zhang Wei', ['zhangwei'], ['zhangwei']],
    ['zw', ['zw'], ['zw']],
    ['ZW', ['zw'], ['zw']],
    ['lüxun', ['lvxun'], ['lvxun']],
    ['张wei', ['zhangwei'], []],
    ['曾', ['zeng', 'ceng'], []],
    ['z3', [], []],
  ])('%s → pinyin %j, initials %j', (typed, pinyin, initials) => {
    expect(pinyinQuery(typed)).toMatchObject({ pinyin, initials });
  });

  it('finds a name typed as its pinyin, homophone, or initials through the same keys', () => {
    const stored = nameKeys('曾伟')!;
    for (const typed of ['曾玮', 'zengwei', 'ceng wei', 'zw', 'cw']) {
      const q = pinyinQuery(typed)!;
      expect(stored.pinyin.some((p) => q.pinyin.includes(p)) || stored.initials.some((i) => q.initials.includes(i)), typed).toBe(true);
    }
    const other = pinyinQuery('zhangwei')!;
    expect(stored.pinyin.some((p) => other.pinyin.includes(p))).toBe(false);
  });

  it.each([
    ['zhangw', 'zhangw'], ['Zhang W', 'zhangw'], ['lüx', 'lvx'], ['zha', 'zha'], ['zh', null], ['张w', null], ['张伟', null], ['z3x', null],
  ])('%s → pinyin prefix %j (Latin letters only, three or more)', (typed, prefix) => {
    expect(pinyinQuery(typed)?.prefix).toBe(prefix);
  });
});
