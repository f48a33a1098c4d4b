/**
 * A search by address or by a part of one (幸福路12号, 幸福小区3栋): the canonical form of what
 * was typed (identity/address.ts, so 号楼/栋/幢, 区, widths and spaces do not matter) is looked
 * for inside the distinct canonical addresses of migration 0008 (trigram index), and the
 * addresses found lead to the applicants who gave them on transactions and the persons whose
 * record holds them (the canonical-address columns of 0011, computed on ingestion). The whole address
 * comes first, then the addresses containing it; a person's match names the address found.
 */
import type { Reader } from '../reader.ts';
import type { RoleRow } from './person-hits.ts';

/** A trigram index needs three characters to narrow anything down. */
export const MIN_ADDRESS_PART = 3;

/** An address with more transactions than this is not a home. */
const PER_ADDRESS = 10_000;

/** Role rows as every search gives them, plus whether the whole address was used and which one. */
const ROLES_SQL = `
WITH a AS MATERIALIZED (SELECT DISTINCT c FROM unnest($1::text[]) AS a(c)),
u AS (
  SELECT t.applicant_key AS person, 'APPLICANT' AS role, NULL::text AS via, a.c AS address, t.accepted_at AS at FROM a,
  LATERAL (SELECT applicant_key, accepted_at FROM "transaction"
           WHERE applicant_address_canonical = a.c LIMIT ${PER_ADDRESS}) t)
SELECT person, role, via, min(at) AS first_seen, max(at) AS last_seen, count(*)::int AS transactions, bool_or(address = $2) AS whole, min(address) AS address
FROM u GROUP BY 1, 2, 3
UNION ALL SELECT p.key, 'CONTACT', 'person-record', p.first_seen_at, p.last_seen_at, 0, a.c = $2, a.c FROM a,
  LATERAL (SELECT key, first_seen_at, last_seen_at FROM person WHERE address_canonical = a.c LIMIT ${PER_ADDRESS}) p`;

interface AddressRoleRow extends RoleRow { whole: boolean; address: string }

export interface AddressesFound {
  readonly rows: RoleRow[];
  readonly matches: Map<string, Record<string, number | string>>;
  /** More addresses contain the part than were followed (or enough people were found before the last). */
  readonly truncated: boolean;
}

/**
 * Canonical addresses equal to `canonical` or containing it, at most `limit` (the whole one
 * first, whether keyed yet or not). A canonical address holds no LIKE metacharacters: the
 * normaliser strips ASCII punctuation, % _ and \ among it.
 */
async function addressesContaining(reader: Reader, canonical: string, limit: number): Promise<{ addresses: string[]; truncated: boolean }> {
  const rows = await reader.query<{ canonical: string }>(
    `SELECT canonical FROM address_key WHERE canonical LIKE $1 AND canonical <> $2 LIMIT $3`, [`%${canonical}%`, canonical, limit],
  );
  const all = [canonical, ...rows.map((r) => r.canonical)];
  return { addresses: all.slice(0, limit), truncated: all.length > limit };
}

/** Addresses followed in the first round; each further round doubles, until enough people are found. */
const FIRST_ROUND = 8;

const time = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());

/** One row per person, role and source, however many rounds found them. */
function mergeRoles(rows: readonly AddressRoleRow[]): RoleRow[] {
  const merged = new Map<string, RoleRow>();
  for (const row of rows) {
    const key = `${row.person}|${row.role}|${row.via ?? ''}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { person: row.person, role: row.role, via: row.via, first_seen: row.first_seen, last_seen: row.last_seen, transactions: row.transactions });
      continue;
    }
    const [f1, f2, l1, l2] = [time(known.first_seen), time(row.first_seen), time(known.last_seen), time(row.last_seen)];
    merged.set(key, {
      ...known, transactions: known.transactions + row.transactions,
      first_seen: f1 === null || (f2 !== null && f2 < f1) ? row.first_seen : known.first_seen,
      last_seen: l1 === null || (l2 !== null && l2 > l1) ? row.last_seen : known.last_seen,
    });
  }
  return [...merged.values()];
}

/**
 * Who used an address containing `canonical` (at least MIN_ADDRESS_PART characters), and how.
 * The addresses are followed in rounds (8, 16, 32 …) until more than `limit` people are found:
 * a street has thousands of addresses, and the investigator sees `limit` people.
 */
export async function findByAddress(reader: Reader, canonical: string, limit: number): Promise<AddressesFound> {
  const { addresses, truncated } = await addressesContaining(reader, canonical, limit);
  const found: AddressRoleRow[] = [];
  const people = new Set<string>();
  let next = 0;
  for (let size = FIRST_ROUND; next < addresses.length && people.size <= limit; size *= 2) {
    const round = addresses.slice(next, next + size);
    next += round.length;
    for (const row of await reader.query<AddressRoleRow>(ROLES_SQL, [round, canonical])) {
      found.push(row);
      people.add(row.person);
    }
  }
  const matches = new Map<string, Record<string, number | string>>();
  for (const row of found) {
    const known = matches.get(row.person);
    if (known?.rank === 0 || (known && !row.whole && String(known.address) <= row.address)) continue;
    matches.set(row.person, row.whole ? { match: 'address', rank: 0, address: canonical } : { match: 'address-part', rank: 1, address: row.address });
  }
  return { rows: mergeRoles(found), matches, truncated: truncated || next < addresses.length };
}
