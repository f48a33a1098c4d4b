/**
 * Pinyin keys of person names, for the investigator's name search: a homophone typo (张玮 for
 * 张伟), whole pinyin typed with or without spaces (zhangwei, zhang wei) and initials (zw)
 * find the same people. Tones are ignored (typos rarely keep them). A polyphonic surname has
 * two readings: the surname one (曾 zeng, 单 shan, 解 xie, 尉迟 yuchi — pinyin-pro's surname
 * mode) and the common one (ceng, dan, jie), so whichever the investigator types finds it.
 * ü is written v (lv, as input methods do) and also u (lu, as it is often typed).
 *
 * Keys are computed here, not in SQL, because they need pinyin-pro's dictionary; the search
 * stores them once per distinct name (table person_name_key, search-keys.ts).
 */
import { pinyin } from 'pinyin-pro';
import { normaliseName } from './names.ts';
import { nearReadings, splitPinyin } from './pinyin-accents.ts';

export interface NameKeys {
  /** normaliseName of the name: what exact and one-edit matches compare. */
  readonly normalised: string;
  /** Whole pinyin per reading, lower case, no separators (zhangwei). */
  readonly pinyin: string[];
  /** First letters of the syllables per reading (zw). */
  readonly initials: string[];
  /** The normalised name with one character left out, at each position (see oneDeletions). */
  readonly deletions: string[];
}

const HAN = /\p{Script=Han}/u;
const BASE = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;

function syllables(name: string, surname: boolean): string[] {
  const parts = surname ? pinyin(name, { ...BASE, mode: 'surname', surname: 'head' }) : pinyin(name, BASE);
  return parts.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
}

/** Distinct, in order of first appearance. */
const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** The readings of a name as syllable lists: surname reading first, then the common one. */
function readings(normalised: string): string[][] {
  const surname = syllables(normalised, true);
  const common = syllables(normalised, false);
  return surname.join(' ') === common.join(' ') ? [surname] : [surname, common];
}

/**
 * Every string one character shorter than `text` (symmetric deletion): two strings within one
 * edit (substitution, insertion, deletion, adjacent transposition) share one of these, or one
 * is the other's. Candidates only: the edit distance decides.
 */
export function oneDeletions(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length < 2) return [];
  return unique(chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join('')));
}

/** Whole readings (zhangwei), ü written v and also u. */
function wholeReadings(spoken: readonly (readonly string[])[]): string[] {
  const whole = spoken.map((s) => s.join(''));
  return unique([...whole, ...whole.filter((w) => w.includes('v')).map((w) => w.replace(/v/g, 'u'))]);
}

/** The keys stored for one person name; null when nothing of it is left after normalising. */
export function nameKeys(name: string): NameKeys | null {
  const normalised = normaliseName(name);
  if (normalised === null) return null;
  if (!HAN.test(normalised)) {
    // A name in Latin letters (foreigners' names) is its own "pinyin"; no initials to guess.
    return { normalised, pinyin: [normalised.toLowerCase()], initials: [], deletions: oneDeletions(normalised) };
  }
  const spoken = readings(normalised);
  return {
    normalised,
    pinyin: wholeReadings(spoken),
    initials: unique(spoken.map((s) => s.map((syllable) => syllable[0]).join(''))),
    deletions: oneDeletions(normalised),
  };
}

export interface PinyinQuery {
  /** The typed text as names are compared (normaliseName). */
  readonly normalised: string;
  /** Names with any of these whole pinyin readings sound the same. */
  readonly pinyin: string[];
  /** Names whose initials are one of these (only when Latin letters were typed: zw). */
  readonly initials: string[];
  /** One-character deletions of the typed text, to find names one edit away. */
  readonly deletions: string[];
  /** Near-sounding whole readings (z/zh, n/l, an/ang …; pinyin-accents.ts), the exact ones excluded. */
  readonly near: string[];
  /** Latin letters typed (three or more): names with a reading that starts with them (zhangw). */
  readonly prefix: string | null;
}

/** Shorter beginnings would match most names (and a trigram index needs three letters). */
const MIN_PINYIN_PREFIX = 3;

/**
 * What a typed name searches for. Chinese (张玮): names that read the same (its pinyin readings).
 * Latin letters (zhangwei, Zhang Wei, zw): the letters as whole pinyin or as initials, ü typed
 * as v or u, or as the beginning of a reading (zhangw). Mixed (张wei): the Chinese read as pinyin,
 * the letters kept. Either way also the near-sounding readings (zangwei, 詹伟 for 张伟).
 */
export function pinyinQuery(typed: string): PinyinQuery | null {
  const normalised = normaliseName(typed);
  if (normalised === null) return null;
  const deletions = oneDeletions(normalised);
  if (!HAN.test(normalised)) {
    const letters = normalised.toLowerCase().replace(/ü/g, 'v');
    if (!/^[a-z]+$/.test(letters)) return { normalised, pinyin: [], initials: [], deletions, near: [], prefix: null };
    const syllables = splitPinyin(letters);
    const prefix = letters.length >= MIN_PINYIN_PREFIX ? letters : null;
    return { normalised, pinyin: [letters], initials: [letters], deletions, near: syllables ? nearReadings([syllables]) : [], prefix };
  }
  // The readings once (pinyin-pro is the costly part): the exact ones and their near-sounding variants.
  const spoken = readings(normalised);
  const pinyinKeys = wholeReadings(spoken);
  return { normalised, pinyin: pinyinKeys, initials: [], deletions, near: nearReadings(spoken).filter((r) => !pinyinKeys.includes(r)), prefix: null };
}
