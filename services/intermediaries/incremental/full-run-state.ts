/**
 * What incremental updates score against: the options and clerk baselines of the last full
 * run that completed. Until one has, there is nothing to update (the first recompute writes
 * every suspect anyway).
 */
import type { Reader } from '../reader.ts';
import { DEFAULT_OPTIONS, type ResolvedOptions } from '../types.ts';

export interface FullRunState {
  readonly runId: bigint;
  readonly options: ResolvedOptions;
  readonly clerkBaselines: ReadonlyMap<string, number>;
}

interface RunRow extends Record<string, unknown> { id: bigint | string; options: unknown; baselines: unknown }

/** The options a run stores: everything but asOf, which is the run's own. */
export function storedOptions(o: ResolvedOptions): Record<string, number> {
  return { windowDays: o.windowDays, maxSharers: o.maxSharers, hoardMinPrincipals: o.hoardMinPrincipals, sharedPhoneMinPrincipals: o.sharedPhoneMinPrincipals, minScore: o.minScore, seed: o.seed };
}

export async function lastFullRun(reader: Reader): Promise<FullRunState | null> {
  const [row] = await reader.query<RunRow>(
    `SELECT id, options, baselines FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`,
  );
  return row ? stateOf(row) : null;
}

function stateOf(row: RunRow): FullRunState {
  const options = { ...DEFAULT_OPTIONS, ...(row.options as Partial<ResolvedOptions>), asOf: null };
  const baselines = (row.baselines as { clerks?: Record<string, number> }).clerks ?? {};
  return { runId: BigInt(row.id), options, clerkBaselines: new Map(Object.entries(baselines)) };
}

interface HookRow extends RunRow { latest: Date | string | null; next_id: string }

/** What an ingest batch's update starts from, read in one statement: the last full run, the window's end and an id for its own run. */
export interface UpdateStart {
  readonly state: FullRunState;
  /** Latest acceptance in the table (the window's end), null when empty. */
  readonly latest: Date | null;
  readonly runId: bigint;
}

export async function updateStart(reader: Reader): Promise<UpdateStart | null> {
  const [row] = await reader.query<HookRow>(
    `SELECT id, options, baselines, (SELECT max(accepted_at) FROM transaction) AS latest, nextval(pg_get_serial_sequence('intermediary_run', 'id'))::text AS next_id
     FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`,
  );
  if (!row) return null;
  return { state: stateOf(row), latest: row.latest === null ? null : new Date(row.latest), runId: BigInt(row.next_id) };
}
