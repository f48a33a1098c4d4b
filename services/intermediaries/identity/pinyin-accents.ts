/**
 * Near-sounding readings (模糊音). Speakers of southern dialects do not hear zh/ch/sh apart from
 * z/c/s, n from l, f from h, or -ang/-eng/-ing from -an/-en/-in, and a clerk or a witness writes
 * a name as they heard it; Chinese input methods offer the same equivalences. A name typed with
 * any of these swaps finds the people whose reading it becomes (a 'similar-sound' match, ranked
 * after the exact reading). Only the query is expanded: the stored keys stay the names' own
 * readings, so nothing is re-keyed.
 */

const INITIAL_SWAPS: Readonly<Record<string, string>> = { zh: 'z', ch: 'c', sh: 's', z: 'zh', c: 'ch', s: 'sh', n: 'l', l: 'n', f: 'h', h: 'f' };
/** Longer finals first: 'ang' is a swap of its own, not 'an' followed by g. */
const FINAL_SWAPS: ReadonlyArray<readonly [string, string]> = [['ang', 'an'], ['eng', 'en'], ['ing', 'in'], ['an', 'ang'], ['en', 'eng'], ['in', 'ing']];
const SWAPPABLE_INITIAL = /^(zh|ch|sh|[zcsnlfh])/;

/** Readings a query expands to at most: a four-character name has 4⁴ = 256. */
export const MAX_NEAR_READINGS = 256;

/** A syllable and its near-sounding spellings (itself first). */
export function syllableVariants(syllable: string): string[] {
  const initial = SWAPPABLE_INITIAL.exec(syllable)?.[1] ?? '';
  const final = syllable.slice(initial.length);
  const heads = initial === '' ? [''] : [initial, INITIAL_SWAPS[initial] as string];
  const swap = FINAL_SWAPS.find(([from]) => final.endsWith(from) && final.length >= from.length);
  const tails = swap ? [final, final.slice(0, final.length - swap[0].length) + swap[1]] : [final];
  return heads.flatMap((head) => tails.map((tail) => head + tail));
}

/** Whole readings (syllables joined) of every combination of the syllables' variants, the readings themselves excluded. */
export function nearReadings(readings: readonly (readonly string[])[]): string[] {
  const own = new Set(readings.map((r) => r.join('')));
  const out = new Set<string>();
  for (const syllables of readings) {
    let combos = [''];
    for (const syllable of syllables) {
      combos = combos.flatMap((prefix) => syllableVariants(syllable).map((v) => prefix + v)).slice(0, MAX_NEAR_READINGS);
    }
    for (const combo of combos) if (!own.has(combo)) out.add(combo);
  }
  return [...out].slice(0, MAX_NEAR_READINGS);
}

/** A pinyin syllable's shape (initial, then a final); accepts some combinations Mandarin lacks, which only cost a lookup. */
const SYLLABLE = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|er|ia|ie|iu|ua|uo|ue|ve|ui|a|o|e|i|u|v)$/;

/**
 * Letters typed without spaces split into syllables (zhangwei → zhang wei), the longest
 * syllable first where several splits exist; null when they are not pinyin.
 */
export function splitPinyin(letters: string): string[] | null {
  const memo = new Map<number, string[] | null>();
  const from = (start: number): string[] | null => {
    if (start === letters.length) return [];
    if (memo.has(start)) return memo.get(start) ?? null;
    let found: string[] | null = null;
    for (let end = Math.min(letters.length, start + 6); end > start && found === null; end--) {
      const syllable = letters.slice(start, end);
      if (!SYLLABLE.test(syllable)) continue;
      const rest = from(end);
      if (rest !== null) found = [syllable, ...rest];
    }
    memo.set(start, found);
    return found;
  };
  return from(0);
}
