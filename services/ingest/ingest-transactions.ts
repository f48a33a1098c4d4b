import { appendAudit, type AuditEvent } from '../audit/index.ts';
import { BlobStoreError, type BlobStore } from '../platform/blob-store.ts';
import type { Database, Tx } from '../platform/db.ts';
import { PREPARED, rawSql } from '../platform/raw-sql.ts';
import { fail, ok, type FieldProblem, type Result } from '../platform/errors.ts';
import { resolvePhotos, type PhotoSourceOptions, type ResolvedPhoto } from './photo-sources.ts';
import { formatIssues, transactionSchema, type Transaction } from './schema/index.ts';
import { writeSegment, type PlannedWrite } from './write-segment.ts';

export const MAX_BATCH = 1_000;

/** Ingestion is serialised: risk windows count "transactions ingested before it", so order matters. */
export const INGEST_LOCK = 720_330_003;

export type IngestOutcome = 'created' | 'revised' | 'unchanged' | 'rejected';

export interface IngestItemResult {
  readonly index: number;
  readonly id: string | null;
  readonly version: number | null;
  readonly outcome: IngestOutcome;
  readonly problems?: readonly FieldProblem[];
  /** Why a rejected transaction was refused: its content, or a version older than the stored one. */
  readonly refusal?: 'INVALID' | 'LOWER_VERSION';
}

/** A transaction version just written, handed to hooks inside the same database transaction. */
export interface StoredTransaction {
  readonly transaction: Transaction;
  readonly outcome: 'created' | 'revised';
  readonly previousVersion: number | null;
  readonly photos: readonly ResolvedPhoto[];
  /** Its ingestion number: risk windows count what was ingested before it (smaller seq). */
  readonly seq: bigint;
}

/**
 * Ingestion's last writes of a batch, built but held back when hooks start: every version's
 * payload, people and vehicles, which no hook reads. A hook that reads and then computes calls
 * `release` between the two, so the server writes them while Node computes, and awaits
 * `settled` before its next statement (the connection runs one at a time). Whatever a hook
 * does, they are settled before the next hook runs.
 */
export interface HeldWrites {
  /** Resolves once they are on their way to the server. */
  release(): Promise<void>;
  settled(): Promise<void>;
}

/**
 * Other capabilities (risk scoring) act on stored transactions before the commit. A hook may
 * return, per transaction id, facts to record in that transaction's audit entry (the
 * assessment made with it), so one state change is one entry.
 */
export type IngestHook = (tx: Tx, stored: readonly StoredTransaction[], held: HeldWrites) => Promise<ReadonlyMap<string, Record<string, unknown>> | void>;

/**
 * Runs after the commit with what was stored (e.g. queueing photo checks). It must not throw:
 * the data is committed whatever it does, and sweeps pick up anything it failed to start.
 */
export type AfterCommit = (stored: readonly StoredTransaction[]) => Promise<void>;

export interface IngestDeps {
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly hooks?: readonly IngestHook[];
  readonly afterCommit?: readonly AfterCommit[];
}

export interface IngestOptions extends PhotoSourceOptions {
  readonly actor: string;
  readonly source: 'api' | 'file' | 'demo';
}

interface Candidate {
  readonly index: number;
  readonly transaction: Transaction;
  readonly photos: readonly ResolvedPhoto[];
}

function validate(items: readonly unknown[]): { candidates: Omit<Candidate, 'photos'>[]; rejected: IngestItemResult[] } {
  const candidates: Omit<Candidate, 'photos'>[] = [];
  const rejected: IngestItemResult[] = [];
  items.forEach((item, index) => {
    const parsed = transactionSchema.safeParse(item);
    if (parsed.success) {
      candidates.push({ index, transaction: parsed.data });
      return;
    }
    const raw = (item ?? {}) as { id?: unknown; version?: unknown };
    rejected.push({
      index,
      id: typeof raw.id === 'string' ? raw.id : null,
      version: typeof raw.version === 'number' ? raw.version : null,
      outcome: 'rejected',
      refusal: 'INVALID',
      problems: formatIssues(parsed.error),
    });
  });
  return { candidates, rejected };
}

/**
 * Stores up to MAX_BATCH transactions. Each is validated whole: an invalid one is refused with
 * every problem named by field path, and nothing of it is stored. Same id + version is a no-op,
 * a higher version a revision (every version kept), a lower one is refused.
 */
export async function ingestTransactions(
  deps: IngestDeps, items: readonly unknown[], options: IngestOptions,
): Promise<Result<IngestItemResult[]>> {
  if (items.length > MAX_BATCH) return fail('BATCH_TOO_LARGE', `一批最多 ${MAX_BATCH} 条 (at most ${MAX_BATCH} transactions per batch, got ${items.length})`);
  const { candidates, rejected } = validate(items);
  let resolved: Candidate[];
  try {
    resolved = await Promise.all(candidates.map(async (c) => ({ ...c, photos: await resolvePhotos(c.transaction, deps.blobs, options) })));
  } catch (error) {
    if (error instanceof BlobStoreError) return fail('BLOB_STORE_UNAVAILABLE', error.message);
    throw error;
  }
  const written: StoredTransaction[] = [];
  const hooks = [...(deps.hooks ?? []), async (_tx: Tx, segment: readonly StoredTransaction[]) => { written.push(...segment); }];
  const stored = resolved.length === 0 ? [] : await deps.db.prisma.$transaction(
    (tx) => storeAll(tx, resolved, hooks, options),
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (written.length > 0) for (const after of deps.afterCommit ?? []) await after(written);
  return ok([...rejected, ...stored].sort((a, b) => a.index - b.index));
}

interface KnownState {
  version: number;
  everCompleted: boolean;
}

const STORED_AND_NUMBERS = `${PREPARED}SELECT
  (SELECT coalesce(json_agg(json_build_array(id, version, ever_completed)), '[]'::json) FROM "transaction"
    WHERE id = ANY(ARRAY(SELECT json_array_elements_text($1::json)))) AS stored,
  (SELECT json_agg(nextval(pg_get_serial_sequence('"transaction"', 'seq'))::text ORDER BY g) FROM generate_series(1, $2::int) g) AS seqs`;

/**
 * Under the ingest lock, in one statement: the stored version of each id, and an ingestion
 * number (seq) for every candidate, ascending, to be handed out in input order. Numbers of
 * candidates that turn out unchanged or refused are skipped (a gap, as a rollback leaves).
 */
async function storedAndNumbers(tx: Tx, ids: readonly string[], count: number): Promise<{ known: Map<string, KnownState>; seqs: bigint[] }> {
  const raw = await rawSql(tx, `SELECT pg_advisory_xact_lock(${INGEST_LOCK})`);
  const [row] = await raw.query<{ stored: Array<[string, number, boolean]>; seqs: string[] }>(STORED_AND_NUMBERS, [JSON.stringify(ids), String(count)]);
  const known = new Map<string, KnownState>((row?.stored ?? []).map(([id, version, everCompleted]) => [id, { version, everCompleted }]));
  return { known, seqs: (row?.seqs ?? []).map((s) => BigInt(s)) };
}

async function storeAll(tx: Tx, candidates: readonly Candidate[], hooks: readonly IngestHook[], options: IngestOptions): Promise<IngestItemResult[]> {
  const { known, seqs } = await storedAndNumbers(tx, [...new Set(candidates.map((c) => c.transaction.id))], candidates.length);
  let next = 0;
  const results: IngestItemResult[] = [];
  let segment: PlannedWrite[] = [];
  // The ids in `segment`: a linear search of it for every candidate was a million comparisons a batch.
  const segmentIds = new Set<string>();
  const now = new Date();
  for (const candidate of candidates) {
    const { transaction } = candidate;
    // A second write to the same id in one batch waits for the first to be flushed.
    if (segmentIds.has(transaction.id)) {
      await flush(tx, segment, hooks, options, now);
      segment = [];
      segmentIds.clear();
    }
    const state = known.get(transaction.id);
    const base = { index: candidate.index, id: transaction.id, version: transaction.version };
    if (state && transaction.version === state.version) {
      results.push({ ...base, outcome: 'unchanged' });
      continue;
    }
    if (state && transaction.version < state.version) {
      results.push({ ...base, outcome: 'rejected', refusal: 'LOWER_VERSION', problems: [{ path: 'version', message: `版本 ${transaction.version} 低于已存版本 ${state.version} (lower than stored version)` }] });
      continue;
    }
    const outcome = state ? 'revised' : 'created';
    segmentIds.add(transaction.id);
    segment.push({ ...candidate, outcome, previousVersion: state?.version ?? null, everCompleted: state?.everCompleted ?? false, seq: seqs[next++]! });
    known.set(transaction.id, { version: transaction.version, everCompleted: (state?.everCompleted ?? false) || transaction.status === 'COMPLETED' });
    results.push({ ...base, outcome });
  }
  await flush(tx, segment, hooks, options, now);
  return results;
}

async function flush(tx: Tx, segment: readonly PlannedWrite[], hooks: readonly IngestHook[], options: IngestOptions, now: Date): Promise<void> {
  if (segment.length === 0) return;
  const held = await writeSegment(tx, segment, now);
  const stored: StoredTransaction[] = segment.map((w) => ({ transaction: w.transaction, outcome: w.outcome, previousVersion: w.previousVersion, photos: w.photos, seq: w.seq }));
  const annotations: Array<ReadonlyMap<string, Record<string, unknown>>> = [];
  for (const hook of hooks) {
    let annotation;
    try {
      annotation = await hook(tx, stored, held);
    } catch (error) {
      // The hook's error is the one reported, but the rollback must not be queued behind the
      // held writes if they are still in flight.
      await held.settled().catch(() => undefined);
      throw error;
    }
    await held.settled();
    if (annotation) annotations.push(annotation);
  }
  // With no hook at all they are sent here.
  await held.settled();
  const events: AuditEvent[] = segment.map((w) => ({
    actor: options.actor,
    action: w.outcome === 'created' ? 'transaction.ingested' : 'transaction.revised',
    entityType: 'transaction',
    entityId: w.transaction.id,
    data: Object.assign(
      { version: w.transaction.version, previousVersion: w.previousVersion, source: options.source, status: w.transaction.status },
      ...annotations.map((a) => a.get(w.transaction.id) ?? {}),
    ),
  }));
  await appendAudit(tx, events, now);
}
