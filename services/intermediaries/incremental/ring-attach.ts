/**
 * Which new agents join which ring between full runs (the reads and the rule; refresh-rings.ts
 * writes). A ring's identifiers are its phones and booking accounts and its members' own
 * phones (what R21 matches on). A candidate is an agent with a transaction stored since the
 * last full run or refresh that carries one of them. The candidate joins the ring when the
 * full run's member rule holds — they acted for someone outside their own household and have
 * evidence of their own or ties to two of the ring's identifiers — and at least half of their
 * window transactions carry the ring's identifiers: Louvain puts a person in the community
 * most of their ties lead to, and a busy agent who once served a ring's client is no member.
 */
import { normaliseIdNumber, normalisePhone } from '../../domain/index.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { RING_MEMBER_SCORE, RING_MEMBER_TIES } from '../detect.ts';
import type { Reader } from '../reader.ts';
import { combine } from '../scoring.ts';
import type { Window } from '../window.ts';
import type { AgentEvidence } from './rescore-agents.ts';

export interface CurrentRing {
  readonly ringId: string;
  readonly members: string[];
  readonly phones: string[];
  readonly bookerAccounts: string[];
  /** The members' own phones (from their suspect rows). */
  readonly memberPhones: string[];
}

interface RingRow extends Record<string, unknown> { ring_id: string; members: string[]; phones: string[]; booker_accounts: string[]; member_phones: string[] | null }

/** The rings as stored, with their members' phones. */
export async function currentRings(reader: Reader): Promise<CurrentRing[]> {
  const rows = await reader.query<RingRow>(
    `SELECT r.ring_id, r.members, r.phones, r.booker_accounts,
            (SELECT array_agg(DISTINCT s.phone) FROM intermediary_suspect s WHERE s.id_number = ANY(r.members) AND s.phone IS NOT NULL) AS member_phones
     FROM intermediary_ring r ORDER BY r.ring_id`,
  );
  return rows.map((r) => ({ ringId: r.ring_id, members: r.members, phones: r.phones, bookerAccounts: r.booker_accounts, memberPhones: r.member_phones ?? [] }));
}

/** The rings as R21 reads them (the same shape the full run publishes, see toFlaggedRings). */
export function flaggedRingsOf(rings: readonly CurrentRing[]): FlaggedRing[] {
  return rings.map((ring) => ({
    ringId: ring.ringId,
    memberIdNumbers: ring.members.map((m) => normaliseIdNumber(m)).filter((m): m is string => m !== null),
    memberPhones: [...new Set([...ring.phones, ...ring.memberPhones].map((p) => normalisePhone(p)).filter((p): p is string => p !== null))].sort(),
  }));
}

/** Each ring's identifiers as keys (`m:` phone, `a:` booking account), one row per (ring, key). */
function ringKeys(rings: readonly CurrentRing[]): { ring: string[]; key: string[] } {
  const ring: string[] = [];
  const key: string[] = [];
  for (const r of rings) {
    for (const k of new Set([...r.phones, ...r.memberPhones].map((p) => `m:${p}`).concat(r.bookerAccounts.map((a) => `a:${a}`)))) {
      ring.push(r.ringId);
      key.push(k);
    }
  }
  return { ring, key };
}

/** Agents (not yet in a ring) of the transactions with seq in (since, upto] carrying a ring's identifier. */
export async function attachCandidates(reader: Reader, rings: readonly CurrentRing[], since: bigint, upto: bigint): Promise<string[]> {
  const phones = [...new Set(rings.flatMap((r) => [...r.phones, ...r.memberPhones]))];
  const accounts = [...new Set(rings.flatMap((r) => r.bookerAccounts))];
  if (phones.length + accounts.length === 0 || upto <= since) return [];
  const rows = await reader.query<{ agent: string }>(
    `SELECT DISTINCT agent_id_number AS agent FROM transaction
     WHERE seq > $1::bigint AND seq <= $2::bigint AND agent_id_number IS NOT NULL AND NOT (agent_id_number = ANY($5::text[]))
       AND (applicant_phone = ANY($3::text[]) OR agent_phone = ANY($3::text[]) OR booker_phone = ANY($3::text[]) OR booker_account = ANY($4::text[]))
     ORDER BY 1`,
    [since.toString(), upto.toString(), phones, accounts, rings.flatMap((r) => r.members)],
  );
  return rows.map((r) => r.agent);
}

export interface RingTie {
  readonly agent: string;
  readonly ringId: string;
  /** Distinct identifiers of the ring on the agent's window transactions. */
  readonly ties: number;
  /** The agent's window transactions carrying one of them. */
  readonly transactions: number;
  /** All the agent's window transactions. */
  readonly total: number;
}

const TIES_SQL = `
WITH k AS (SELECT * FROM unnest($4::text[], $5::text[]) AS k(ring, key)),
mine AS MATERIALIZED (
  SELECT agent_id_number AS agent, seq, applicant_phone, agent_phone, booker_phone, booker_account FROM transaction
  WHERE agent_id_number = ANY($3::text[]) AND accepted_at > $1 AND accepted_at <= $2),
totals AS (SELECT agent, count(*)::int AS n FROM mine GROUP BY agent),
hits AS (
  SELECT m.agent, m.seq, v.key FROM mine m
  CROSS JOIN LATERAL (VALUES ('m:' || m.applicant_phone), ('m:' || m.agent_phone), ('m:' || m.booker_phone), ('a:' || m.booker_account)) v(key)
  WHERE v.key IS NOT NULL)
SELECT h.agent, k.ring, count(DISTINCT h.key)::int AS ties, count(DISTINCT h.seq)::int AS transactions, min(t.n)::int AS total
FROM hits h JOIN k ON k.key = h.key JOIN totals t ON t.agent = h.agent GROUP BY 1, 2`;

export async function ringTies(reader: Reader, window: Window, rings: readonly CurrentRing[], agents: readonly string[]): Promise<RingTie[]> {
  if (agents.length === 0) return [];
  const keys = ringKeys(rings);
  const rows = await reader.query<{ agent: string; ring: string; ties: number; transactions: number; total: number }>(
    TIES_SQL, [window.from, window.to, agents, keys.ring, keys.key],
  );
  return rows.map((r) => ({ agent: r.agent, ringId: r.ring, ties: r.ties, transactions: r.transactions, total: r.total }));
}

/** Most of the agent's cases carry the ring's identifiers: the only ties worth reading the agent's evidence for. */
export const mostlyRing = (tie: RingTie): boolean => tie.transactions * 2 >= tie.total;

/** The ring each candidate joins, if any: the member rule, most of their cases, then the ring they are tied to most. */
export function attachments(evidence: readonly AgentEvidence[], ties: readonly RingTie[]): RingTie[] {
  const own = new Map(evidence.map((e) => [e.features.agent, e]));
  const best = new Map<string, RingTie>();
  for (const tie of ties) {
    const e = own.get(tie.agent);
    if (!e || e.features.unrelated === 0 || !mostlyRing(tie)) continue;
    if (combine(e.base) < RING_MEMBER_SCORE && tie.ties < RING_MEMBER_TIES) continue;
    const known = best.get(tie.agent);
    if (!known || tie.transactions > known.transactions || (tie.transactions === known.transactions && (tie.ties > known.ties || (tie.ties === known.ties && tie.ringId < known.ringId)))) {
      best.set(tie.agent, tie);
    }
  }
  return [...best.values()].sort((a, b) => (a.agent < b.agent ? -1 : 1));
}
