/**
 * Searches for people by who they are: an ID number (the record itself, records linked to it
 * as possibly the same person, and near-identical numbers of the same region and birth date
 * when nothing matches exactly). Names: name-search.ts.
 */
import { checkIdNumber } from '../../domain/index.ts';
import { editDistance } from '../identity/names.ts';
import type { Reader } from '../reader.ts';
import type { RoleRow } from './person-hits.ts';

/** How each of `keys` took part in transactions: as applicant and as agent. */
const ROLES_OF_SQL = `
WITH u AS (
  SELECT applicant_key AS person, 'APPLICANT' AS role, NULL::text AS via, accepted_at AS at FROM transaction WHERE applicant_key = ANY($1::text[])
  UNION ALL SELECT 'P:' || agent_id_number, 'AGENT', NULL, accepted_at FROM transaction WHERE agent_id_number = ANY($2::text[]))
SELECT person, role, via, min(at) AS first_seen, max(at) AS last_seen, count(*)::int AS transactions FROM u GROUP BY 1, 2, 3`;

export async function rolesOf(reader: Reader, keys: readonly string[]): Promise<RoleRow[]> {
  if (keys.length === 0) return [];
  return reader.query<RoleRow>(ROLES_OF_SQL, [keys, keys.filter((k) => k.startsWith('P:')).map((k) => k.slice(2))]);
}

export interface PeopleFound {
  readonly keys: string[];
  readonly matches: Map<string, Record<string, number | string>>;
}

interface KeyRow extends Record<string, unknown> { key: string }
interface LinkRow extends Record<string, unknown> { other: string; confidence: number; status: string }

/** An ID number: the person, people linked to them (not split), and near misses in their birth block. */
export async function findById(reader: Reader, idNumber: string): Promise<PeopleFound> {
  const key = `P:${idNumber}`;
  const matches = new Map<string, Record<string, number | string>>();
  const [exact] = await reader.query<KeyRow>('SELECT key FROM person WHERE key = $1', [key]);
  if (exact) matches.set(key, { match: 'exact' });
  const links = await reader.query<LinkRow>(
    `SELECT CASE WHEN a_key = $1 THEN b_key ELSE a_key END AS other, confidence, status FROM person_link
     WHERE (a_key = $1 OR b_key = $1) AND status <> 'SPLIT'`, [key],
  );
  for (const l of links) matches.set(l.other, { match: 'linked', confidence: l.confidence, status: l.status });
  if (!exact && idNumber.length === 18) {
    const block = await reader.query<KeyRow>(`SELECT key FROM person WHERE kind = 'PERSON' AND substr(key, 1, 16) = $1`, [key.slice(0, 16)]);
    for (const b of block) {
      const distance = editDistance(idNumber, b.key.slice(2), 2);
      if (distance <= 2 && !matches.has(b.key)) matches.set(b.key, { match: 'similar-id', idDistance: distance });
    }
  }
  return { keys: [...matches.keys()], matches };
}

/** Whether an ID number passes GB 11643 (region, birth date, check digit), for the profile. */
export function idValidity(idNumber: string): { valid: boolean; problem: string | null; birthDate: string | null } {
  const check = checkIdNumber(idNumber, '9999-12-31');
  return check.valid ? { valid: true, problem: null, birthDate: check.birthDate } : { valid: false, problem: check.problem, birthDate: null };
}
