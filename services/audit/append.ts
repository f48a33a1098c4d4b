import { bulkInsert, type BulkColumn } from '../platform/bulk.ts';
import type { Prisma, Tx } from '../platform/db.ts';
import { PREPARED, rawSql } from '../platform/raw-sql.ts';
import { GENESIS_HASH, entryHash } from './canonical.ts';

/** Serialises appends: the chain needs each entry to know the one before it. */
const AUDIT_CHAIN_LOCK = 720_330_002;

type AuditRow = Prisma.AuditEntryCreateManyInput;
const AUDIT_COLUMNS: readonly BulkColumn<AuditRow>[] = [
  { name: 'seq', type: 'bigint', value: (r) => r.seq }, { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'actor', type: 'text', value: (r) => r.actor }, { name: 'action', type: 'text', value: (r) => r.action },
  { name: 'entity_type', type: 'text', value: (r) => r.entityType }, { name: 'entity_id', type: 'text', value: (r) => r.entityId },
  { name: 'data', type: 'jsonb', value: (r) => r.data }, { name: 'prev_hash', type: 'text', value: (r) => r.prevHash },
  { name: 'hash', type: 'text', value: (r) => r.hash },
];

export interface AuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly data?: Record<string, unknown>;
}

interface ChainHead { readonly seq: bigint; readonly hash: string }

/**
 * The chain's head as this database transaction left it. Once a transaction holds the chain
 * lock nobody else can append until it ends, so its later appends (an ingestion appends for
 * its alerts and then for the transactions) need neither the lock nor the head again: two
 * round trips fewer each. Keyed by the transaction object, so it dies with it.
 */
const headsHeld = new WeakMap<Tx, ChainHead>();

async function lockedHead(tx: Tx): Promise<ChainHead> {
  const held = headsHeld.get(tx);
  if (held) return held;
  // The lock first, then the head under a snapshot taken after it (two statements: one would read a stale head).
  const raw = await rawSql(tx, `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await raw.query<{ seq: bigint; hash: string }>(`${PREPARED}SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1`);
  return { seq: last?.seq ?? 0n, hash: last?.hash ?? GENESIS_HASH };
}

/**
 * Appends audit entries inside the caller's database transaction, so an entry exists exactly
 * when the change it records does. Returns the sequence numbers given to the entries.
 */
export async function appendAudit(tx: Tx, events: readonly AuditEvent[], at = new Date()): Promise<bigint[]> {
  if (events.length === 0) return [];
  const head = await lockedHead(tx);
  let seq = head.seq;
  let prevHash = head.hash;
  const rows: Prisma.AuditEntryCreateManyInput[] = events.map((event) => {
    seq += 1n;
    const data = (event.data ?? {}) as Prisma.InputJsonValue;
    const entry = { seq, at, actor: event.actor, action: event.action, entityType: event.entityType, entityId: event.entityId, data };
    const hash = entryHash(prevHash, entry);
    const row = { ...entry, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await bulkInsert(tx, 'audit_entry', AUDIT_COLUMNS, rows);
  // Only a transaction keeps the lock (a top-level client's statements each end at once).
  if ((await rawSql(tx)).inTransaction) headsHeld.set(tx, { seq, hash: prevHash });
  return rows.map((row) => row.seq as bigint);
}
