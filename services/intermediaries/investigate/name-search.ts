/**
 * A search by name, ranked: the exact name first, then names that sound the same (a homophone
 * typo 张玮 for 张伟, or the pinyin typed: zhangwei, zhang wei), then names that sound alike to a
 * southern ear (zangwei, 詹伟: z/zh, n/l, an/ang …, pinyin-accents.ts), then names with those initials
 * (zw), then names one character off (a mistyped or dropped character). The candidates are
 * read from the distinct-name keys of migration 0008 (a few index probes, however many people
 * share a name); the people from person through its name index, no more than the caller can
 * show, and then those who used such a name before (曾用名, migration 0012).
 */
import { editDistance, normaliseName } from '../identity/names.ts';
import { pinyinQuery, type PinyinQuery } from '../identity/pinyin.ts';
import type { Reader } from '../reader.ts';
import type { PeopleFound } from './person-searches.ts';

export const NAME_MATCHES = ['exact', 'pinyin', 'similar-sound', 'initials', 'similar-name'] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

/** Candidate names read per query; a two-character name has thousands of one-edit neighbours. */
const MAX_NAMES = 5000;

interface KeyRow extends Record<string, unknown> { name: string; normalised: string; pinyin: string[]; initials: string[] }

const SOUND_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key
WHERE normalised = $1 OR pinyin && $2::text[] OR initials && $3::text[] LIMIT ${MAX_NAMES}`;

/** Near-sounding readings, read apart so that their names (hundreds of readings) never crowd out the exact ones under the limit. */
const NEAR_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key WHERE pinyin && $1::text[] LIMIT ${MAX_NAMES}`;

/** Symmetric deletion: a shared deletion, or one name is a deletion of the other. */
const EDIT_SQL = `SELECT name, normalised, pinyin, initials FROM person_name_key
WHERE deletions && $1::text[] OR normalised = ANY($1::text[]) OR deletions @> ARRAY[$2] LIMIT ${MAX_NAMES}`;

const shares = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

function tierOf(q: PinyinQuery, row: KeyRow): NameMatch | null {
  if (row.normalised === q.normalised) return 'exact';
  if (shares(row.pinyin, q.pinyin)) return 'pinyin';
  if (shares(row.pinyin, q.near)) return 'similar-sound';
  if (shares(row.initials, q.initials)) return 'initials';
  return editDistance(q.normalised, row.normalised, 1) <= 1 ? 'similar-name' : null;
}

/** The stored names (as person.name holds them) per tier. */
async function namesByTier(reader: Reader, q: PinyinQuery): Promise<Map<NameMatch, Set<string>>> {
  const sound = await reader.query<KeyRow>(SOUND_SQL, [q.normalised, q.pinyin, q.initials]);
  const near = q.near.length === 0 ? [] : await reader.query<KeyRow>(NEAR_SQL, [q.near]);
  const edits = await reader.query<KeyRow>(EDIT_SQL, [q.deletions, q.normalised]);
  const tiers = new Map<NameMatch, Set<string>>(NAME_MATCHES.map((m) => [m, new Set<string>()]));
  // The name as typed is an exact match even before its keys exist (a search during a bulk load).
  tiers.get('exact')?.add(q.normalised);
  for (const row of [...sound, ...near, ...edits]) {
    const tier = tierOf(q, row);
    if (tier) tiers.get(tier)?.add(row.name);
  }
  return tiers;
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
  return `SELECT p.key, p.name, f.name AS former FROM person_former_name f JOIN person p ON p.key = f.person_key
    WHERE f.name = ANY($1::text[]) ${ordered ? 'ORDER BY f.last_seen_at DESC, p.key ' : ''}LIMIT $2`;
}

/** People named `typed`, best match first: at most `limit + 1` (one more says there are more). */
export async function findByName(reader: Reader, typed: string, limit: number): Promise<PeopleFound> {
  const q = pinyinQuery(typed);
  const matches = new Map<string, Record<string, number | string>>();
  if (q === null) return { keys: [], matches };
  const tiers = await namesByTier(reader, q);
  for (const [rank, tier] of NAME_MATCHES.entries()) {
    const names = [...(tiers.get(tier) ?? [])].sort();
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
