/**
 * What incremental updates score against: the options and clerk baselines of the last full
 * run that completed. Until one has, there is nothing to update (the first recompute writes
 * every suspect anyway).
 */
import type { RunWatermark } from '../hub-identifiers.ts';
import { PREPARED } from '../../platform/raw-sql.ts';
import type { Reader } from '../reader.ts';
import { DEFAULT_OPTIONS, type ResolvedOptions } from '../types.ts';

export interface FullRunState {
  readonly runId: bigint;
  readonly options: ResolvedOptions;
  readonly clerkBaselines: ReadonlyMap<string, number>;
  /** The run and its window's end, for hubs' shortcut (hub-identifiers.ts); absent, none is taken. */
  readonly watermark?: RunWatermark | null;
}

interface RunRow extends Record<string, unknown> { id: bigint | string; options: unknown; baselines: unknown; as_of: Date | string | null; seen_seq: bigint | string | null }

/** The run's columns a state is made of (hub-identifiers.ts: the hubs' `seen_seq`). */
const RUN_COLUMNS = 'id, options, baselines, as_of, (SELECT seen_seq FROM intermediary_hub_state s WHERE s.run_id = intermediary_run.id) AS seen_seq';

/** The options a run stores: everything but asOf, which is the run's own. */
export function storedOptions(o: ResolvedOptions): Record<string, number> {
  return { windowDays: o.windowDays, maxSharers: o.maxSharers, hoardMinPrincipals: o.hoardMinPrincipals, sharedPhoneMinPrincipals: o.sharedPhoneMinPrincipals, minScore: o.minScore, seed: o.seed };
}

export async function lastFullRun(reader: Reader): Promise<FullRunState | null> {
  const [row] = await reader.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`,
  );
  return row ? stateOf(row) : null;
}

function stateOf(row: RunRow): FullRunState {
  const options = { ...DEFAULT_OPTIONS, ...(row.options as Partial<ResolvedOptions>), asOf: null };
  const baselines = (row.baselines as { clerks?: Record<string, number> }).clerks ?? {};
  const runId = BigInt(row.id);
  const watermark = row.as_of === null || row.seen_seq === null ? null : { runId, asOf: new Date(row.as_of), seenSeq: BigInt(row.seen_seq) };
  return { runId, options, clerkBaselines: new Map(Object.entries(baselines)), watermark };
}

interface HookRow extends RunRow { latest: Date | string | null; next_id: string }

/** What an ingest batch's update starts from, read in one statement: the last full run, the window's end and an id for its own run. */
export interface UpdateStart {
  readonly state: FullRunState;
  /** Latest acceptance in the table (the window's end), null when empty. */
  readonly latest: Date | null;
  readonly runId: bigint;
}

/** Asks one statement without parameters: a Reader, or the transaction's raw runner (prepared). */
interface StatementRunner { query<T extends Record<string, unknown>>(sql: string): Promise<T[]> }

export async function updateStart(reader: StatementRunner): Promise<UpdateStart | null> {
  const [row] = await reader.query<HookRow>(
    `${PREPARED}SELECT ${RUN_COLUMNS}, (SELECT max(accepted_at) FROM transaction) AS latest, nextval(pg_get_serial_sequence('intermediary_run', 'id'))::text AS next_id
     FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`,
  );
  if (!row) return null;
  return { state: stateOf(row), latest: row.latest === null ? null : new Date(row.latest), runId: BigInt(row.next_id) };
}
