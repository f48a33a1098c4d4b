/**
 * What each ring's identifiers (its community's phones and booking accounts) were used for in
 * the window: by how many of the ring's members, on how many transactions, first and last.
 * Read through the identifier indexes (a few thousand keys), not by scanning the window.
 */
import type { Reader } from '../reader.ts';
import type { Ring } from '../types.ts';
import type { Window } from '../window.ts';

export interface SharedIdentifier {
  readonly kind: 'phone' | 'bookerAccount';
  readonly value: string;
  readonly members: number;
  readonly transactions: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** A ring shows at most this many identifiers, the most shared first. */
const MAX_SHOWN = 100;

const USES_SQL = `
WITH k AS (SELECT * FROM unnest($3::text[], $4::text[]) AS k(ring, key)),
mem AS (SELECT * FROM unnest($5::text[], $6::text[]) AS m(ring, agent)),
hits AS (
  SELECT seq, accepted_at, agent_id_number, 'm:' || applicant_phone AS key FROM transaction
  WHERE applicant_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'm:' || agent_phone FROM transaction
  WHERE agent_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'm:' || booker_phone FROM transaction
  WHERE booker_phone = ANY($7::text[]) AND accepted_at > $1 AND accepted_at <= $2
  UNION ALL SELECT seq, accepted_at, agent_id_number, 'a:' || booker_account FROM transaction
  WHERE booker_account = ANY($8::text[]) AND accepted_at > $1 AND accepted_at <= $2)
SELECT k.ring, k.key, (count(DISTINCT h.agent_id_number) FILTER (WHERE mem.agent IS NOT NULL))::int AS members,
       count(DISTINCT h.seq)::int AS transactions, min(h.accepted_at) AS first_seen, max(h.accepted_at) AS last_seen
FROM k JOIN hits h ON h.key = k.key LEFT JOIN mem ON mem.ring = k.ring AND mem.agent = h.agent_id_number
GROUP BY 1, 2
HAVING count(DISTINCT h.agent_id_number) FILTER (WHERE mem.agent IS NOT NULL) >= 2 OR count(DISTINCT h.seq) >= 2`;

interface UseRow extends Record<string, unknown> {
  ring: string; key: string; members: number; transactions: number; first_seen: Date | string; last_seen: Date | string;
}

/** Per ring, its identifiers used by two or more members or on two or more transactions (the others are left out in SQL). */
export async function ringIdentifiers(sql: Reader, window: Window, rings: readonly Ring[]): Promise<Map<string, SharedIdentifier[]>> {
  const pairs = rings.flatMap((r) => [...r.phones.map((p) => [r.ringId, `m:${p}`] as const), ...r.bookerAccounts.map((a) => [r.ringId, `a:${a}`] as const)]);
  const members = rings.flatMap((r) => r.members.map((m) => [r.ringId, m] as const));
  if (pairs.length === 0) return new Map();
  const rows = await sql.query<UseRow>(USES_SQL, [
    window.from, window.to, pairs.map(([r]) => r), pairs.map(([, k]) => k), members.map(([r]) => r), members.map(([, m]) => m),
    [...new Set(rings.flatMap((r) => r.phones))], [...new Set(rings.flatMap((r) => r.bookerAccounts))],
  ]);
  const out = new Map<string, SharedIdentifier[]>(rings.map((r) => [r.ringId, []]));
  for (const r of rows) {
    out.get(r.ring)?.push({
      kind: r.key.startsWith('a:') ? 'bookerAccount' : 'phone', value: r.key.slice(2), members: r.members, transactions: r.transactions,
      firstSeen: new Date(r.first_seen).toISOString(), lastSeen: new Date(r.last_seen).toISOString(),
    });
  }
  for (const [ringId, list] of out) {
    list.sort((a, b) => b.members - a.members || b.transactions - a.transactions || (a.value < b.value ? -1 : 1));
    out.set(ringId, list.slice(0, MAX_SHOWN));
  }
  return out;
}
