/**
 * The pieces of a person profile that are read per key set: the records merged into it, the
 * phones and addresses used, the transactions timeline, links, lists and organisations.
 */
import { AUTO_MERGE_CONFIDENCE } from '../identity/link-scoring.ts';
import { personRefWith } from '../identity/person-ref.ts';
import type { Reader } from '../reader.ts';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Keys merged with `key`: linked by confirmed links, or by suggestions sure enough, transitively (at most 20). */
export async function mergedKeys(reader: Reader, key: string): Promise<string[]> {
  const seen = new Set([key]);
  let frontier = [key];
  while (frontier.length > 0 && seen.size < 20) {
    const rows = await reader.query<{ a_key: string; b_key: string }>(
      `SELECT a_key, b_key FROM person_link WHERE (a_key = ANY($1::text[]) OR b_key = ANY($1::text[]))
       AND (status = 'CONFIRMED' OR (status = 'SUGGESTED' AND confidence >= $2))`, [frontier, AUTO_MERGE_CONFIDENCE],
    );
    frontier = rows.flatMap((r) => [r.a_key, r.b_key]).filter((k) => !seen.has(k));
    for (const k of frontier) seen.add(k);
  }
  return [...seen];
}

export interface UsedValue {
  readonly value: string;
  readonly roles: string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly transactions: number;
}

interface UsedRow extends Record<string, unknown> { value: string; roles: string[]; first_seen: Date | string | null; last_seen: Date | string | null; transactions: number }

const toUsed = (r: UsedRow): UsedValue => ({ value: r.value, roles: [...r.roles].sort(), firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen), transactions: r.transactions });

/** Phones on the person's own records (as applicant or agent), and on their person record. */
export async function phonesUsed(reader: Reader, keys: readonly string[]): Promise<UsedValue[]> {
  const rows = await reader.query<UsedRow>(`
    WITH u AS (
      SELECT applicant_phone AS value, 'APPLICANT' AS role, accepted_at FROM transaction WHERE applicant_key = ANY($1::text[]) AND applicant_phone IS NOT NULL
      UNION ALL SELECT agent_phone, 'AGENT', accepted_at FROM transaction WHERE agent_id_number = ANY($2::text[]) AND agent_phone IS NOT NULL)
    SELECT value, array_agg(DISTINCT role) AS roles, min(accepted_at) AS first_seen, max(accepted_at) AS last_seen, count(*)::int AS transactions FROM u GROUP BY 1
    UNION ALL SELECT phone, ARRAY['RECORD'], NULL, NULL, 0 FROM person WHERE key = ANY($1::text[]) AND phone IS NOT NULL
      AND phone NOT IN (SELECT applicant_phone FROM transaction WHERE applicant_key = ANY($1::text[]) AND applicant_phone IS NOT NULL
                        UNION SELECT agent_phone FROM transaction WHERE agent_id_number = ANY($2::text[]) AND agent_phone IS NOT NULL)`,
  [keys, keys.map((k) => k.slice(2))]);
  return rows.map(toUsed).sort((a, b) => b.transactions - a.transactions || (a.value < b.value ? -1 : 1));
}

/** Addresses on the person's applications, and the one on their person record. */
export async function addressesUsed(reader: Reader, keys: readonly string[]): Promise<UsedValue[]> {
  const rows = await reader.query<UsedRow>(`
    SELECT applicant_address_norm AS value, ARRAY['APPLICANT'] AS roles, min(accepted_at) AS first_seen, max(accepted_at) AS last_seen, count(*)::int AS transactions
    FROM transaction WHERE applicant_key = ANY($1::text[]) AND applicant_address_norm IS NOT NULL GROUP BY 1
    UNION ALL SELECT address, ARRAY['RECORD'], first_seen_at, last_seen_at, 0 FROM person WHERE key = ANY($1::text[]) AND address IS NOT NULL`,
  [keys]);
  return rows.map(toUsed).sort((a, b) => b.transactions - a.transactions || (a.value < b.value ? -1 : 1));
}

export interface TimelineEntry {
  readonly transactionId: string;
  readonly acceptedAt: string;
  readonly type: string;
  readonly status: string;
  readonly stationCode: string;
  readonly handlerId: string;
  /** The person's part in it: APPLICANT, AGENT, or BOOKER (booked through a phone they used). */
  readonly role: string;
  readonly applicant: { readonly ref: string; readonly idNumber: string | null; readonly orgCode: string | null; readonly name: string | null };
  readonly agent: { readonly ref: string; readonly idNumber: string; readonly name: string | null } | null;
  readonly applicantPhone: string | null;
  readonly agentPhone: string | null;
  readonly bookerPhone: string | null;
  readonly bookerAccount: string | null;
  readonly plate: string | null;
  readonly vin: string | null;
}

interface TimelineRow extends Record<string, unknown> {
  id: string; accepted_at: Date | string; type: string; status: string; station_code: string; handler_id: string; role: string;
  applicant_key: string; applicant_name: string | null; agent_id_number: string | null; agent_name: string | null;
  applicant_phone: string | null; agent_phone: string | null; booker_phone: string | null; booker_account: string | null; plate: string | null; vin: string | null;
}

const TIMELINE_SQL = `
WITH mine AS (
  SELECT seq, 'APPLICANT' AS role FROM transaction WHERE applicant_key = ANY($1::text[])
  UNION ALL SELECT seq, 'AGENT' FROM transaction WHERE agent_id_number = ANY($2::text[])
  UNION ALL SELECT seq, 'BOOKER' FROM transaction WHERE booker_phone = ANY($3::text[])
    AND NOT (applicant_key = ANY($1::text[])) AND (agent_id_number IS NULL OR NOT (agent_id_number = ANY($2::text[])))),
picked AS (SELECT seq, min(role) AS role FROM mine GROUP BY seq),
total AS (SELECT count(*)::int AS n FROM picked)
SELECT t.id, t.accepted_at, t.type, t.status, t.station_code, t.handler_id, p.role, t.applicant_key, t.applicant_name,
       t.agent_id_number, ag.name AS agent_name, t.applicant_phone, t.agent_phone, t.booker_phone, t.booker_account, t.plate, t.vin,
       (SELECT n FROM total) AS total
FROM picked p JOIN transaction t ON t.seq = p.seq LEFT JOIN person ag ON ag.key = 'P:' || t.agent_id_number
ORDER BY t.accepted_at DESC, t.id LIMIT $4`;

/** The person's transactions, newest first, as applicant, agent, or booked through their phones. */
export async function timeline(reader: Reader, secret: Buffer, keys: readonly string[], phones: readonly string[], limit: number): Promise<{ entries: TimelineEntry[]; total: number }> {
  const rows = await reader.query<TimelineRow & { total: number }>(TIMELINE_SQL, [keys, keys.map((k) => k.slice(2)), phones, limit]);
  const entries = rows.map((r): TimelineEntry => ({
    transactionId: r.id, acceptedAt: new Date(r.accepted_at).toISOString(), type: r.type, status: r.status, stationCode: r.station_code,
    handlerId: r.handler_id, role: r.role,
    applicant: {
      ref: personRefWith(secret, r.applicant_key), name: r.applicant_name,
      idNumber: r.applicant_key.startsWith('P:') ? r.applicant_key.slice(2) : null, orgCode: r.applicant_key.startsWith('O:') ? r.applicant_key.slice(2) : null,
    },
    agent: r.agent_id_number ? { ref: personRefWith(secret, `P:${r.agent_id_number}`), idNumber: r.agent_id_number, name: r.agent_name } : null,
    applicantPhone: r.applicant_phone, agentPhone: r.agent_phone, bookerPhone: r.booker_phone, bookerAccount: r.booker_account, plate: r.plate, vin: r.vin,
  }));
  return { entries, total: rows[0]?.total ?? 0 };
}

/**
 * Phones that were the person's own: given as an agent, or as an applicant who came alone.
 * (An applicant brought by an agent often carries the agent's phone; counting it as theirs
 * would make every tout's client the booker of the tout's other clients.)
 */
export async function ownPhones(reader: Reader, keys: readonly string[]): Promise<string[]> {
  const rows = await reader.query<{ phone: string }>(`
    SELECT DISTINCT agent_phone AS phone FROM transaction WHERE agent_id_number = ANY($2::text[]) AND agent_phone IS NOT NULL
    UNION SELECT applicant_phone FROM transaction WHERE applicant_key = ANY($1::text[]) AND agent_id_number IS NULL AND applicant_phone IS NOT NULL`,
  [keys, keys.map((k) => k.slice(2))]);
  return rows.map((r) => r.phone).sort();
}

export interface LinkView {
  readonly id: string;
  readonly ref: string;
  readonly idNumber: string;
  readonly name: string | null;
  readonly confidence: number;
  readonly status: string;
  readonly reasons: string[];
  readonly evidence: Record<string, unknown>;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
}

interface LinkRow extends Record<string, unknown> {
  id: string; other: string; name: string | null; confidence: number; status: string; reasons: string[]; evidence: Record<string, unknown>;
  decided_by: string | null; decided_at: Date | string | null; note: string | null;
}

/** Every link touching these keys, surest first. */
export async function linksOf(reader: Reader, secret: Buffer, keys: readonly string[]): Promise<LinkView[]> {
  const rows = await reader.query<LinkRow>(`
    SELECT l.id::text AS id, CASE WHEN l.a_key = ANY($1::text[]) THEN l.b_key ELSE l.a_key END AS other, p.name, l.confidence, l.status,
           l.reasons, l.evidence, l.decided_by, l.decided_at, l.note
    FROM person_link l LEFT JOIN person p ON p.key = CASE WHEN l.a_key = ANY($1::text[]) THEN l.b_key ELSE l.a_key END
    WHERE l.a_key = ANY($1::text[]) OR l.b_key = ANY($1::text[]) ORDER BY l.confidence DESC, l.id`, [keys]);
  return rows.map((r) => ({
    id: r.id, ref: personRefWith(secret, r.other), idNumber: r.other.slice(2), name: r.name, confidence: r.confidence, status: r.status,
    reasons: r.reasons, evidence: r.evidence, decidedBy: r.decided_by, decidedAt: iso(r.decided_at), note: r.note,
  }));
}

export interface Standing {
  readonly blacklisted: string[];
  readonly watchlisted: string[];
  readonly clerkOf: Array<{ readonly orgCode: string; readonly name: string; readonly kind: string }>;
  readonly handlerIds: string[];
}

/** Reference-data facts about the person: blacklist and watch-list entries, clerkships, handler records. */
export async function standing(reader: Reader, keys: readonly string[]): Promise<Standing> {
  const ids = keys.filter((k) => k.startsWith('P:')).map((k) => k.slice(2));
  const lists = await reader.query<{ list: string; reason: string | null }>('SELECT list, reason FROM list_entry WHERE id_number = ANY($1::text[])', [ids]);
  const clerks = await reader.query<{ org_code: string; name: string; kind: string }>(
    'SELECT o.org_code, o.name, o.kind FROM organisation_clerk c JOIN organisation o ON o.org_code = c.org_code WHERE c.id_number = ANY($1::text[]) ORDER BY 1', [ids],
  );
  const handlers = await reader.query<{ id: string }>('SELECT id FROM handler WHERE id_number = ANY($1::text[]) ORDER BY id', [ids]);
  return {
    blacklisted: lists.filter((l) => l.list === 'INTERMEDIARY_BLACKLIST').map((l) => l.reason ?? ''),
    watchlisted: lists.filter((l) => l.list === 'PERSON_WATCHLIST').map((l) => l.reason ?? ''),
    clerkOf: clerks.map((c) => ({ orgCode: c.org_code, name: c.name, kind: c.kind })),
    handlerIds: handlers.map((h) => h.id),
  };
}

/** Transactions of others booked through the person's own phones, as one role use. */
export async function bookerRole(reader: Reader, keys: readonly string[], phones: readonly string[]): Promise<{ firstSeen: string | null; lastSeen: string | null; transactions: number } | null> {
  if (phones.length === 0) return null;
  const [row] = await reader.query<{ first_seen: Date | string | null; last_seen: Date | string | null; n: number }>(`
    SELECT min(accepted_at) AS first_seen, max(accepted_at) AS last_seen, count(*)::int AS n FROM transaction
    WHERE booker_phone = ANY($3::text[]) AND NOT (applicant_key = ANY($1::text[]))
      AND (agent_id_number IS NULL OR NOT (agent_id_number = ANY($2::text[])))`, [keys, keys.map((k) => k.slice(2)), phones]);
  return row && row.n > 0 ? { firstSeen: iso(row.first_seen), lastSeen: iso(row.last_seen), transactions: row.n } : null;
}
