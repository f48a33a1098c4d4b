/**
 * Rings (use cases): the list, and one ring in detail — members with their scores, shared
 * identifiers, favoured handlers, timeline (first/last, transactions) — with its network as
 * nodes and edges ready to draw. Audited reads, masked per viewer.
 */
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { personRefWith, refSecret } from '../identity/person-ref.ts';
import type { Reader } from '../reader.ts';
import type { SharedIdentifier } from '../ring-identifiers.ts';
import { handlersById, type HandlerHit } from './handler-search.ts';
import { buildRingNetwork, type NetworkEdge, type NetworkNode, type RingMember, type RingTransaction } from './ring-network.ts';
import { auditedRead, INVESTIGATION_ROLES, mayRead, present, type Viewer } from './viewer.ts';

export interface RingSummary {
  readonly ringId: string;
  readonly score: number;
  readonly memberCount: number;
  readonly transactionCount: number;
  readonly favouredHandlers: string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly updatedAt: string;
}

export interface RingDetail extends RingSummary {
  readonly members: Array<RingMember & { readonly phone: string | null; readonly segment: string | null }>;
  /** Shared identifiers under the name of their kind (phone / bookerAccount), so that phones are masked. */
  readonly sharedIdentifiers: Array<Omit<SharedIdentifier, 'value'> & { readonly phone?: string; readonly bookerAccount?: string }>;
  readonly handlers: HandlerHit[];
  readonly network: { readonly nodes: NetworkNode[]; readonly edges: NetworkEdge[] };
}

interface RingRow extends Record<string, unknown> {
  ring_id: string; score: number; member_count: number; transaction_count: number; favoured_handlers: string[]; members: string[];
  phones: string[]; booker_accounts: string[]; shared_identifiers: SharedIdentifier[];
  first_seen: Date | string | null; last_seen: Date | string | null; updated_at: Date | string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

const summary = (r: RingRow): RingSummary => ({
  ringId: r.ring_id, score: r.score, memberCount: r.member_count, transactionCount: r.transaction_count, favouredHandlers: r.favoured_handlers,
  firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen), updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listRings(db: Database, viewer: Viewer): Promise<Result<RingSummary[]>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  return auditedRead(db, viewer, { action: 'investigation.rings', entityType: 'intermediary_ring', entityId: 'list' }, async (reader) =>
    ok((await reader.query<RingRow>('SELECT * FROM intermediary_ring ORDER BY score DESC, transaction_count DESC, ring_id')).map(summary)),
  (rings) => ({ rings: rings.length }));
}

interface TxRow extends Record<string, unknown> {
  seq: string; accepted_at: Date | string; agent_id_number: string | null; applicant_phone: string | null; agent_phone: string | null;
  booker_phone: string | null; booker_account: string | null; handler_id: string;
}

/** The transactions of the ring's active period that carry a member or one of its identifiers (at most 20,000). */
async function ringTransactions(reader: Reader, r: RingRow): Promise<RingTransaction[]> {
  const from = r.first_seen ?? new Date(0);
  const to = r.last_seen ?? new Date();
  const rows = await reader.query<TxRow>(`
    SELECT seq::text, accepted_at, agent_id_number, applicant_phone, agent_phone, booker_phone, booker_account, handler_id FROM transaction
    WHERE accepted_at >= $1 AND accepted_at <= $2 AND seq IN (
      SELECT seq FROM transaction WHERE agent_id_number = ANY($3::text[])
      UNION SELECT seq FROM transaction WHERE applicant_phone = ANY($4::text[])
      UNION SELECT seq FROM transaction WHERE booker_phone = ANY($4::text[])
      UNION SELECT seq FROM transaction WHERE booker_account = ANY($5::text[]))
    ORDER BY accepted_at LIMIT 20000`, [from, to, r.members, r.phones, r.booker_accounts]);
  return rows.map((t) => ({
    seq: t.seq, acceptedAt: new Date(t.accepted_at).toISOString(), agent: t.agent_id_number, applicantPhone: t.applicant_phone,
    agentPhone: t.agent_phone, bookerPhone: t.booker_phone, bookerAccount: t.booker_account, handlerId: t.handler_id,
  }));
}

interface MemberRow extends Record<string, unknown> { key: string; name: string | null; address: string | null; phone: string | null; score: number | null; segment: string | null }

async function readRing(reader: Reader, secret: Buffer, ringId: string): Promise<Result<RingDetail>> {
  const [r] = await reader.query<RingRow>('SELECT * FROM intermediary_ring WHERE ring_id = $1', [ringId]);
  if (!r) return fail('NOT_FOUND', `没有团伙 ${ringId} (no such ring)`);
  const rows = await reader.query<MemberRow>(`
    SELECT 'P:' || m AS key, p.name, p.address, coalesce(s.phone, p.phone) AS phone, s.score, s.segment FROM unnest($1::text[]) AS m
    LEFT JOIN person p ON p.key = 'P:' || m LEFT JOIN intermediary_suspect s ON s.person_key = 'P:' || m ORDER BY s.score DESC NULLS LAST, m`, [r.members]);
  const members = rows.map((m) => ({ idNumber: m.key.slice(2), ref: personRefWith(secret, m.key), name: m.name, score: m.score, address: m.address, phone: m.phone, segment: m.segment }));
  const transactions = await ringTransactions(reader, r);
  const handlerIds = [...new Set([...r.favoured_handlers, ...transactions.map((t) => t.handlerId)])];
  const names = new Map((await reader.query<{ id: string; name: string }>('SELECT id, name FROM handler WHERE id = ANY($1::text[])', [handlerIds])).map((h) => [h.id, h.name]));
  const network = buildRingNetwork({
    members, phones: new Set(r.phones), accounts: new Set(r.booker_accounts), favoured: new Set(r.favoured_handlers), handlerNames: names, transactions,
  });
  return ok({
    ...summary(r), members, network, handlers: await handlersById(reader, r.favoured_handlers),
    sharedIdentifiers: r.shared_identifiers.map(({ value, ...rest }) => ({ ...rest, [rest.kind]: value })),
  });
}

export async function getRing(db: Database, viewer: Viewer, ringId: string): Promise<Result<RingDetail>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const secret = await refSecret(db);
  const result = await auditedRead(db, viewer, { action: 'investigation.ring', entityType: 'intermediary_ring', entityId: ringId }, (reader) => readRing(reader, secret, ringId),
    (d) => ({ members: d.members.length, nodes: d.network.nodes.length, edges: d.network.edges.length }));
  return result.ok ? ok(present(viewer, result.value)) : result;
}
