/**
 * People found by a search, each with the roles in which they used what was searched for
 * (applicant, agent, booker, contact), when first and last, and on how many transactions;
 * their current suspect score if they have one; and an opaque reference to open their
 * profile. Built from role rows that each search computes in SQL.
 */
import { personRefWith } from '../identity/person-ref.ts';
import type { Reader } from '../reader.ts';

export const ROLES = ['APPLICANT', 'AGENT', 'BOOKER', 'CONTACT'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleUse {
  readonly role: Role;
  /** Where the use comes from when it is not a transaction (e.g. handler, clerk of an organisation). */
  readonly via: string | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly transactions: number;
}

export interface PersonHit {
  readonly ref: string;
  readonly kind: 'PERSON' | 'ORGANISATION';
  readonly idNumber: string | null;
  readonly orgCode: string | null;
  readonly name: string | null;
  readonly phone: string | null;
  readonly roles: RoleUse[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly suspect: { readonly score: number; readonly ringId: string | null } | null;
  /**
   * How the person matched when not exactly (name edit distance, a link to the searched
   * person); `rank` orders the hits (0 best: exact name or whole address first).
   */
  readonly match: Record<string, number | string> | null;
}

export interface RoleRow extends Record<string, unknown> {
  person: string;
  role: Role;
  via: string | null;
  first_seen: Date | string | null;
  last_seen: Date | string | null;
  transactions: number;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const latest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

interface PersonRow extends Record<string, unknown> { key: string; kind: string; name: string | null; phone: string | null }
interface SuspectRow extends Record<string, unknown> { person_key: string; score: number; ring_id: string | null }

const rankOf = (hit: PersonHit): number => (typeof hit.match?.rank === 'number' ? hit.match.rank : 0);

/** Groups role rows per person, best match (rank) then newest activity first; persons without a record still appear. */
export async function personHits(reader: Reader, secret: Buffer, rows: readonly RoleRow[], matches: ReadonlyMap<string, Record<string, number | string>> = new Map()): Promise<PersonHit[]> {
  const keys = [...new Set([...rows.map((r) => r.person), ...matches.keys()])];
  if (keys.length === 0) return [];
  const persons = new Map((await reader.query<PersonRow>('SELECT key, kind, name, phone FROM person WHERE key = ANY($1::text[])', [keys])).map((p) => [p.key, p]));
  const suspects = new Map((await reader.query<SuspectRow>('SELECT person_key, score, ring_id FROM intermediary_suspect WHERE person_key = ANY($1::text[])', [keys])).map((s) => [s.person_key, s]));
  const roles = new Map<string, RoleUse[]>(keys.map((k) => [k, []]));
  for (const r of rows) {
    roles.get(r.person)?.push({ role: r.role, via: r.via ?? null, firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen), transactions: r.transactions });
  }
  return keys.map((key): PersonHit => {
    const person = persons.get(key);
    const uses = (roles.get(key) ?? []).sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.via ?? '').localeCompare(b.via ?? ''));
    const suspect = suspects.get(key);
    const organisation = key.startsWith('O:');
    return {
      ref: personRefWith(secret, key), kind: organisation ? 'ORGANISATION' : 'PERSON',
      idNumber: organisation ? null : key.slice(2), orgCode: organisation ? key.slice(2) : null,
      name: person?.name ?? null, phone: person?.phone ?? null, roles: uses,
      firstSeen: uses.reduce<string | null>((a, u) => earliest(a, u.firstSeen), null),
      lastSeen: uses.reduce<string | null>((a, u) => latest(a, u.lastSeen), null),
      suspect: suspect ? { score: suspect.score, ringId: suspect.ring_id } : null,
      match: matches.get(key) ?? null,
    };
  }).sort((a, b) => rankOf(a) - rankOf(b) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || (a.ref < b.ref ? -1 : 1));
}

/**
 * The `limit` best persons of a search before they are built (a common address part can
 * find thousands): by match rank, then latest use, then key. `total` counts them all.
 */
export function bestPersons(rows: readonly RoleRow[], matches: ReadonlyMap<string, Record<string, number | string>>, limit: number): { rows: RoleRow[]; matches: Map<string, Record<string, number | string>>; total: number } {
  const lastUse = new Map<string, string>([...matches.keys()].map((k) => [k, '']));
  for (const r of rows) lastUse.set(r.person, latest(lastUse.get(r.person) || null, iso(r.last_seen)) ?? '');
  const rank = (key: string): number => { const m = matches.get(key)?.rank; return typeof m === 'number' ? m : 0; };
  const newer = (a: string, b: string): number => { const x = lastUse.get(a) ?? ''; const y = lastUse.get(b) ?? ''; return x === y ? 0 : x > y ? -1 : 1; };
  const keys = [...lastUse.keys()].sort((a, b) => rank(a) - rank(b) || newer(a, b) || (a < b ? -1 : 1));
  const kept = new Set(keys.slice(0, limit));
  return {
    rows: rows.filter((r) => kept.has(r.person)),
    matches: new Map([...matches].filter(([k]) => kept.has(k))),
    total: keys.length,
  };
}

/** Role uses of several records of one person, summed per role and source. */
export function combineRoles(uses: readonly RoleUse[]): RoleUse[] {
  const byRole = new Map<string, RoleUse>();
  for (const u of uses) {
    const k = `${u.role}|${u.via ?? ''}`;
    const known = byRole.get(k);
    byRole.set(k, known ? {
      ...known, firstSeen: earliest(known.firstSeen, u.firstSeen), lastSeen: latest(known.lastSeen, u.lastSeen), transactions: known.transactions + u.transactions,
    } : u);
  }
  return [...byRole.values()].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.via ?? '').localeCompare(b.via ?? ''));
}
