/**
 * Candidate pairs of person records, found by blocking instead of comparing everyone with
 * everyone: the same region and birth date in the ID number (its first 14 digits), the same
 * phone (used by at most maxSharers people), and — when looking around a few persons — the
 * same canonical address with the same name. Within a block, names must be within one
 * character of each other (first character equal, or everything after it) before a pair is
 * read. Each pair is assessed in link-scoring.ts; kept pairs are stored as SUGGESTED links.
 * Links an investigator decided are never touched.
 *
 * The full run looks around every agent of its window (the people investigators follow):
 * comparing a million people with their blocks costs more than the detection itself. Anyone
 * else's links are looked for when their profile is opened.
 */
import type { Tx } from '../../platform/db.ts';
import type { Reader } from '../reader.ts';
import type { Window } from '../window.ts';
import { assessLink, type LinkAssessment, type PersonRecord } from './link-scoring.ts';

const COLUMNS = `s.key AS s_key, s.name AS s_name, s.phone AS s_phone, s.address AS s_address,
       o.key AS o_key, o.name AS o_name, o.phone AS o_phone, o.address AS o_address`;

const NAME_KEYS = ['left(%.name, 1)', 'substr(%.name, 2)'];

/** Seed × candidate joins on a block and one of the two name keys, each an equi-join the planner can hash. */
function blockJoins(block: string): string[] {
  return NAME_KEYS.map((k) => `SELECT ${COLUMNS} FROM seed s JOIN p o ON ${block.replace(/%/g, 's')} = ${block.replace(/%/g, 'o')}
    AND ${k.replace('%', 's')} = ${k.replace('%', 'o')} AND o.key <> s.key
    WHERE abs(char_length(s.name) - char_length(o.name)) <= 1`);
}

/** The seeds ($2 keys, or the agents of the window $2..$3), their blocks, and the pairs. */
function candidatesSql(scoped: boolean): string {
  const seed = scoped
    ? `SELECT key, name, phone, address, address_canonical FROM person WHERE key = ANY($2::text[]) AND kind = 'PERSON' AND name IS NOT NULL`
    : `SELECT p.key, p.name, p.phone, p.address, p.address_canonical FROM person p WHERE p.kind = 'PERSON' AND p.name IS NOT NULL AND p.key IN (
         SELECT DISTINCT 'P:' || agent_id_number FROM transaction WHERE accepted_at > $2 AND accepted_at <= $3 AND agent_id_number IS NOT NULL)`;
  const byAddress = `UNION ALL SELECT key, name, phone, address, address_canonical FROM person WHERE kind = 'PERSON' AND name IS NOT NULL AND address IS NOT NULL
      AND address_canonical IN (SELECT address_canonical FROM seed WHERE address_canonical IS NOT NULL)`;
  return `
WITH seed AS MATERIALIZED (${seed}),
phones AS (SELECT phone FROM person WHERE phone IN (SELECT phone FROM seed) GROUP BY phone HAVING count(*) BETWEEN 2 AND $1),
p AS MATERIALIZED (
  SELECT key, name, phone, address, address_canonical FROM person WHERE kind = 'PERSON' AND name IS NOT NULL AND substr(key, 1, 16) IN (SELECT substr(key, 1, 16) FROM seed)
  UNION ALL SELECT key, name, phone, address, address_canonical FROM person WHERE kind = 'PERSON' AND name IS NOT NULL AND phone IN (SELECT phone FROM phones)
  ${scoped ? byAddress : ''})
${[...blockJoins('substr(%.key, 1, 16)'), ...blockJoins('%.phone').map((q) => `${q} AND s.phone IN (SELECT phone FROM phones)`),
    ...(scoped ? [`SELECT ${COLUMNS} FROM seed s JOIN p o ON s.address_canonical = o.address_canonical AND s.name = o.name AND o.key <> s.key`] : [])]
    .join('\nUNION ALL\n')}`;
}

interface PairRow extends Record<string, unknown> {
  s_key: string; s_name: string | null; s_phone: string | null; s_address: string | null;
  o_key: string; o_name: string | null; o_phone: string | null; o_address: string | null;
}

export interface SuggestedLink extends LinkAssessment {
  readonly aKey: string;
  readonly bKey: string;
}

export type LinkScope = { readonly keys: readonly string[] } | { readonly window: Window };

/** Assessed candidate pairs around the given persons, or around the agents of a window; each pair once, keys ordered. */
export async function findLinkCandidates(reader: Reader, maxSharers: number, scope: LinkScope): Promise<SuggestedLink[]> {
  const scoped = 'keys' in scope;
  const rows = await reader.query<PairRow>(candidatesSql(scoped), scoped ? [maxSharers, scope.keys] : [maxSharers, scope.window.from, scope.window.to]);
  const seen = new Set<string>();
  const out: SuggestedLink[] = [];
  for (const r of rows) {
    const s: PersonRecord = { key: r.s_key, name: r.s_name, phone: r.s_phone, address: r.s_address };
    const o: PersonRecord = { key: r.o_key, name: r.o_name, phone: r.o_phone, address: r.o_address };
    const [a, b] = s.key < o.key ? [s, o] : [o, s];
    if (seen.has(`${a.key}|${b.key}`)) continue;
    seen.add(`${a.key}|${b.key}`);
    const assessed = assessLink(a, b);
    if (assessed) out.push({ aKey: a.key, bKey: b.key, ...assessed });
  }
  return out.sort((x, y) => (x.aKey < y.aKey ? -1 : x.aKey > y.aKey ? 1 : x.bKey < y.bKey ? -1 : 1));
}

/** Suggestions found by no run and no profile view for this long are dropped. */
const STALE_DAYS = 30;

/**
 * Stores suggestions: new pairs inserted, known suggestions refreshed, decided links left as
 * they are. With `dropStale` (the full run) suggestions nobody found again for STALE_DAYS go.
 */
export async function saveSuggestedLinks(tx: Tx, links: readonly SuggestedLink[], dropStale: boolean): Promise<number> {
  if (dropStale) {
    await tx.$executeRawUnsafe(`DELETE FROM person_link WHERE status = 'SUGGESTED' AND updated_at < now() - interval '${STALE_DAYS} days'`);
  }
  if (links.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO person_link (a_key, b_key, confidence, reasons, evidence, status)
     SELECT a, b, c, r::jsonb, e::jsonb, 'SUGGESTED' FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[], $5::text[]) AS u(a, b, c, r, e)
     ON CONFLICT (a_key, b_key) DO UPDATE SET confidence = EXCLUDED.confidence, reasons = EXCLUDED.reasons,
       evidence = EXCLUDED.evidence, updated_at = now()
     WHERE person_link.status = 'SUGGESTED'`,
    links.map((l) => l.aKey), links.map((l) => l.bKey), links.map((l) => l.confidence),
    links.map((l) => JSON.stringify(l.reasons)), links.map((l) => JSON.stringify(l.evidence)),
  );
}
