/**
 * Handlers (经办人): by id or name (one character of tolerance, or the same pinyin — a
 * homophone, the pinyin or its initials typed), with who they are in the
 * reference data (role, stations, the business they are permitted to take, active), what they
 * took, and whether the detector names them as favouring suspects. The people listed for a
 * handler are the agents who brought them cases, most cases first.
 */
import { oneEditPatterns } from '../identity/names.ts';
import { nameKeys, pinyinQuery, type NameKeys } from '../identity/pinyin.ts';
import type { Reader } from '../reader.ts';
import type { RoleRow } from './person-hits.ts';

export interface HandlerHit {
  readonly handlerId: string;
  readonly name: string;
  readonly role: string;
  readonly stations: string[];
  readonly permissions: string[];
  readonly active: boolean;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly transactions: number;
  readonly agents: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly colluding: { readonly lift: number; readonly pValue: number; readonly significance: number; readonly observed: number; readonly expected: number; readonly ringIds: string[] } | null;
}

interface HandlerRow extends Record<string, unknown> {
  id: string; name: string; role: string; stations: string[]; permissions: string[]; active: boolean; id_number: string | null; phone: string | null;
  transactions: number; agents: number; first_seen: Date | string | null; last_seen: Date | string | null;
  lift: number | null; p_value: number | null; significance: number | null; observed: number | null; expected: number | null; ring_ids: string[] | null;
}

const HANDLERS_SQL = `
WITH h AS (SELECT * FROM handler WHERE id = ANY($1::text[])),
stats AS (
  SELECT handler_id, count(*)::int AS transactions, count(DISTINCT agent_id_number)::int AS agents, min(accepted_at) AS first_seen, max(accepted_at) AS last_seen
  FROM transaction WHERE handler_id = ANY($1::text[]) GROUP BY 1)
SELECT h.id, h.name, h.role, h.stations, h.permissions, h.active, h.id_number, h.phone,
       coalesce(s.transactions, 0) AS transactions, coalesce(s.agents, 0) AS agents, s.first_seen, s.last_seen,
       c.lift, c.p_value, c.significance, c.observed, c.expected, c.ring_ids
FROM h LEFT JOIN stats s ON s.handler_id = h.id LEFT JOIN colluding_handler c ON c.handler_id = h.id ORDER BY h.id`;

function toHit(r: HandlerRow): HandlerHit {
  return {
    handlerId: r.id, name: r.name, role: r.role, stations: r.stations, permissions: r.permissions, active: r.active,
    idNumber: r.id_number, phone: r.phone, transactions: r.transactions, agents: r.agents,
    firstSeen: r.first_seen === null ? null : new Date(r.first_seen).toISOString(), lastSeen: r.last_seen === null ? null : new Date(r.last_seen).toISOString(),
    colluding: r.lift === null ? null : {
      lift: r.lift, pValue: r.p_value ?? 1, significance: r.significance ?? 0, observed: r.observed ?? 0, expected: r.expected ?? 0, ringIds: r.ring_ids ?? [],
    },
  };
}

export async function handlersById(reader: Reader, ids: readonly string[]): Promise<HandlerHit[]> {
  if (ids.length === 0) return [];
  return (await reader.query<HandlerRow>(HANDLERS_SQL, [ids])).map(toHit);
}

/** Pinyin keys of handler names, kept per name: a city has hundreds of handlers, not millions. */
const handlerNameKeys = new Map<string, NameKeys | null>();

function keysOf(name: string): NameKeys | null {
  if (!handlerNameKeys.has(name)) {
    if (handlerNameKeys.size >= 20_000) handlerNameKeys.clear();
    handlerNameKeys.set(name, nameKeys(name));
  }
  return handlerNameKeys.get(name) ?? null;
}

/** Handlers whose name sounds like `query` (its pinyin, a near-sounding reading, or the pinyin or initials typed). */
async function handlersSoundingLike(reader: Reader, query: string): Promise<string[]> {
  const q = pinyinQuery(query);
  if (q === null || q.pinyin.length + q.initials.length === 0) return [];
  const all = await reader.query<{ id: string; name: string }>('SELECT id, name FROM handler ORDER BY id');
  return all.filter((h) => {
    const keys = keysOf(h.name);
    return keys !== null && (keys.pinyin.some((p) => q.pinyin.includes(p) || q.near.includes(p)) || keys.initials.some((i) => q.initials.includes(i)));
  }).map((h) => h.id);
}

/** Handlers whose id is `query` (any case), whose name is it, is one character from it, or sounds like it. */
export async function findHandlers(reader: Reader, query: string): Promise<HandlerHit[]> {
  const { patterns, deletions } = oneEditPatterns(query);
  const rows = await reader.query<{ id: string }>(
    `SELECT id FROM handler WHERE upper(id) = upper($1) OR name = $1 OR name = ANY($2::text[]) OR name LIKE ANY($3::text[]) ORDER BY id LIMIT 50`,
    [query, deletions, patterns],
  );
  const ids = [...new Set([...rows.map((r) => r.id), ...await handlersSoundingLike(reader, query)])].slice(0, 50);
  return handlersById(reader, ids);
}

/** The agents who brought cases to these handlers, most first (via names the handler). */
export async function agentsOfHandlers(reader: Reader, ids: readonly string[], limit: number): Promise<RoleRow[]> {
  if (ids.length === 0) return [];
  return reader.query<RoleRow>(
    `SELECT 'P:' || agent_id_number AS person, 'AGENT' AS role, 'handler:' || handler_id AS via,
            min(accepted_at) AS first_seen, max(accepted_at) AS last_seen, count(*)::int AS transactions
     FROM transaction WHERE handler_id = ANY($1::text[]) AND agent_id_number IS NOT NULL
     GROUP BY agent_id_number, handler_id ORDER BY count(*) DESC, agent_id_number LIMIT $2`,
    [ids, limit],
  );
}
