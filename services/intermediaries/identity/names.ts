/**
 * Names and identifiers compared for entity resolution: a normal form for names, and the
 * optimal-string-alignment edit distance (insertions, deletions, substitutions and adjacent
 * transpositions, each costing 1), counted in code points so that one Chinese character is
 * one edit. There is no pinyin table here: a homophone typo (张三丰 / 张三峰) is a one-character
 * substitution, which the distance already sees.
 */
import { foldFullWidth } from '../../domain/index.ts';

/** Folded to half-width, without white space or the dots of transliterated names (阿卜杜·热合曼), ASCII upper-cased. */
export function normaliseName(name: string | null | undefined): string | null {
  if (name == null) return null;
  const compact = foldFullWidth(name).replace(/[\s·•.．・]/gu, '').replace(/[a-z]/g, (c) => c.toUpperCase());
  return compact === '' ? null : compact;
}

export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    [before, previous] = [previous, current];
  }
  return previous[t.length] as number;
}

/**
 * LIKE patterns that, together with equality, find every stored name within one edit of
 * `name` (substitution: one position any character; insertion: one extra character; deletion
 * is an exact match of the shortened name). LIKE metacharacters in the name are escaped.
 */
export function oneEditPatterns(name: string): { patterns: string[]; deletions: string[] } {
  const chars = Array.from(name).map((c) => c.replace(/[\\%_]/g, (m) => `\\${m}`));
  const patterns = new Set<string>();
  const deletions = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    patterns.add([...chars.slice(0, i), '_', ...chars.slice(i + 1)].join(''));
    if (chars.length > 1) deletions.add(Array.from(name).filter((_, k) => k !== i).join(''));
  }
  for (let i = 0; i <= chars.length; i++) patterns.add([...chars.slice(0, i), '_', ...chars.slice(i)].join(''));
  return { patterns: [...patterns], deletions: [...deletions] };
}
