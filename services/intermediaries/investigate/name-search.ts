/**
 * A search by name, ranked: the exact name first, then names that sound the same (a homophone
 * typo 张玮 for 张伟, or the pinyin typed: zhangwei, zhang wei), then names that sound alike to a
 * southern ear (zangwei, 詹伟: z/zh, n/l, an/ang …, pinyin-accents.ts), then names with those
 * initials (zw), then names whose pinyin starts with the letters typed (zhangw, migration 0014),
 * then names one character off (a mistyped or dropped character). The candidates are read from
 * the distinct-name keys of migration 0008 (a few index probes, however many people
 * share a name); the people from person through its name index, no more than the caller can
 * show, and then those who used such a name before (曾用名, migration 0012).
 */
import { editDistance, normaliseName } from '../identity/names.ts';
import { pinyinQuery, type PinyinQuery } from '../identity/pinyin.ts';
import type { Reader } from '../reader.ts';
import type { PeopleFound } from './person-searches.ts';

export const NAME_MATCHES = ['exact', 'pinyin', 'similar-sound', 'initials', 'pinyin-prefix', 'similar-name'] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

/** Candidate names read per query; a two-character name has thousands of one-edit neighbours. */
const MAX_NAMES = 5000;

interface KeyRow extends Record<string, unknown> { name: string; normalised: string; pinyin: string[]; initials: string[] }

const SOUND_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key
WHERE normalised = $1 OR pinyin && $2::text[] OR initials && $3::text[] LIMIT ${MAX_NAMES}`;

/** Near-sounding readings, read apart so that their names (hundreds of readings) never crowd out the exact ones under the limit. */
const NEAR_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key WHERE pinyin && $1::text[] LIMIT ${MAX_NAMES}`;

/** Readings containing the letters (trigram index, migration 0014); tierOf keeps those that start with them. */
const PREFIX_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key WHERE pinyin_text LIKE $1 LIMIT ${MAX_NAMES}`;

/** Symmetric deletion: a shared deletion, or one name is a deletion of the other. */
const EDIT_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key
WHERE deletions && $1::text[] OR normalised = ANY($1::text[]) OR deletions @> ARRAY[$2] LIMIT ${MAX_NAMES}`;

const shares = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

function tierOf(q: PinyinQuery, row: KeyRow): NameMatch | null {
  if (row.normalised === q.normalised) return 'exact';
  if (shares(row.pinyin, q.pinyin)) return 'pinyin';
  if (shares(row.pinyin, q.near)) return 'similar-sound';
  if (shares(row.initials, q.initials)) return 'initials';
  if (q.prefix !== null && row.pinyin.some((reading) => reading.startsWith(q.prefix as string))) return 'pinyin-prefix';
  return editDistance(q.normalised, row.normalised, 1) <= 1 ? 'similar-name' : null;
}

type KeyQuery = 'sound' | 'near' | 'prefix' | 'edit';

/** The key query whose rows hold every name of a tier (tierOf may place a row in a better tier). */
const SOURCE: Readonly<Record<NameMatch, KeyQuery>> = {
  exact: 'sound', pinyin: 'sound', 'similar-sound': 'near', initials: 'sound', 'pinyin-prefix': 'prefix', 'similar-name': 'edit',
};

function readKeys(reader: Reader, q: PinyinQuery, query: KeyQuery): Promise<KeyRow[]> {
  switch (query) {
    case 'sound': return reader.query<KeyRow>(SOUND_SQL, [q.normalised, q.pinyin, q.initials]);
    case 'near': return q.near.length === 0 ? Promise.resolve([]) : reader.query<KeyRow>(NEAR_SQL, [q.near]);
    case 'prefix': return q.prefix === null ? Promise.resolve([]) : reader.query<KeyRow>(PREFIX_SQL, [`%${q.prefix}%`]);
    case 'edit': return reader.query<KeyRow>(EDIT_SQL, [q.deletions, q.normalised]);
  }
}

/**
 * The stored names (as person.name holds them) of a tier, sorted. Read lazily: a tier's key query
 * runs when the walk reaches it with room left — a common name's holders fill the page, and the
 * near-sounding readings (hundreds) were most of such a search's time, read for nothing.
 */
function nameTiers(reader: Reader, q: PinyinQuery): (tier: NameMatch) => Promise<string[]> {
  const tiers = new Map<NameMatch, Set<string>>(NAME_MATCHES.map((m) => [m, new Set<string>()]));
  // The name as typed is an exact match even before its keys exist (a search during a bulk load).
  tiers.get('exact')?.add(q.normalised);
  const done = new Set<KeyQuery>();
  return async (tier) => {
    const source = SOURCE[tier];
    if (!done.has(source)) {
      done.add(source);
      for (const row of await readKeys(reader, q, source)) {
        const best = tierOf(q, row);
        if (best) tiers.get(best)?.add(row.name);
      }
    }
    return [...(tiers.get(tier) ?? [])].sort();
  };
}

interface PersonRow extends Record<string, unknown> { key: string; name: string; former: string | null }

/**
 * The people of a tier: the exact and same-sounding names most recently seen first (a few
 * names, read whole); initials and one-character neighbours (hundreds of names, thousands of
 * people) as the name index yields them, stopping at the limit. `formerly` reads the people who
 * were recorded under those names before (migration 0012), after those who hold them now.
 */
function personsSql(tier: NameMatch, formerly: boolean): string {
  const ordered = tier === 'exact' || tier === 'pinyin' || tier === 'similar-sound';
  if (!formerly) return `SELECT key, name, NULL AS former FROM person WHERE name = ANY($1::text[]) ${ordered ? 'ORDER BY last_seen_at DESC, key ' : ''}LIMIT $2`;
  // The current name by key, one probe per former-name row: as a join, an unanalysed (often
  // empty) former-name table was hash-joined to a scan of every person, 0.8 s at 900,000 people.
  return `SELECT f.person_key AS key, (SELECT p.name FROM person p WHERE p.key = f.person_key) AS name, f.name AS former
    FROM person_former_name f WHERE f.name = ANY($1::text[]) ${ordered ? 'ORDER BY f.last_seen_at DESC, f.person_key ' : ''}LIMIT $2`;
}

/** People named `typed`, best match first: at most `limit + 1` (one more says there are more). */
export async function findByName(reader: Reader, typed: string, limit: number): Promise<PeopleFound> {
  const q = pinyinQuery(typed);
  const matches = new Map<string, Record<string, number | string>>();
  if (q === null) return { keys: [], matches };
  const namesOf = nameTiers(reader, q);
  for (const [rank, tier] of NAME_MATCHES.entries()) {
    if (matches.size > limit) break;
    const names = await namesOf(tier);
    for (const formerly of [false, true]) {
      const wanted = limit + 1 - matches.size;
      if (names.length === 0 || wanted <= 0) break;
      for (const p of await reader.query<PersonRow>(personsSql(tier, formerly), [names, wanted])) {
        if (matches.has(p.key)) continue;
        // Found by a name they no longer use: measured by that name, listed after the tier's
        // current holders (half a rank down), and saying which name it was.
        const distance = editDistance(q.normalised, normaliseName(p.former ?? p.name) ?? '', 2);
        matches.set(p.key, {
          match: tier, rank: p.former ? rank + 0.5 : rank, ...(distance <= 2 ? { nameDistance: distance } : {}), ...(p.former ? { formerName: p.former } : {}),
        });
      }
    }
  }
  return { keys: [...matches.keys()], matches };
}
