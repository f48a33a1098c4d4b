/**
 * The full run's results as the current state: rings, colluding handlers and the handler
 * shares replaced in the caller's database transaction (suspects: suspect-rows.ts).
 */
import { bulkInsert, type BulkColumn } from '../../platform/bulk.ts';
import type { Tx } from '../../platform/db.ts';
import { HANDLER_SHARES_SQL } from '../collusion.ts';
import type { ColludingHandler, Ring, Suspect } from '../types.ts';
import type { Window } from '../window.ts';
import type { SharedIdentifier } from '../ring-identifiers.ts';

interface RingRow { readonly ring: Ring; readonly shared: readonly SharedIdentifier[]; readonly score: number; readonly runId: bigint; readonly at: Date }

const RING_COLUMNS: readonly BulkColumn<RingRow>[] = [
  { name: 'ring_id', type: 'text', value: (r) => r.ring.ringId },
  { name: 'members', type: 'text[]', value: (r) => r.ring.members },
  { name: 'member_count', type: 'int', value: (r) => r.ring.members.length },
  { name: 'phones', type: 'text[]', value: (r) => r.ring.phones },
  { name: 'booker_accounts', type: 'text[]', value: (r) => r.ring.bookerAccounts },
  { name: 'favoured_handlers', type: 'text[]', value: (r) => r.ring.favouredHandlers },
  { name: 'shared_identifiers', type: 'jsonb', value: (r) => r.shared },
  { name: 'transaction_count', type: 'int', value: (r) => r.ring.transactionCount },
  { name: 'first_seen', type: 'timestamptz', value: (r) => r.ring.firstSeen },
  { name: 'last_seen', type: 'timestamptz', value: (r) => r.ring.lastSeen },
  { name: 'score', type: 'int', value: (r) => r.score },
  { name: 'run_id', type: 'bigint', value: (r) => r.runId },
  { name: 'updated_at', type: 'timestamptz', value: (r) => r.at },
];

interface HandlerRow { readonly handler: ColludingHandler; readonly runId: bigint; readonly at: Date }

const HANDLER_COLUMNS: readonly BulkColumn<HandlerRow>[] = [
  { name: 'handler_id', type: 'text', value: (r) => r.handler.handlerId },
  { name: 'agents', type: 'text[]', value: (r) => r.handler.agents },
  { name: 'ring_ids', type: 'text[]', value: (r) => r.handler.ringIds },
  { name: 'observed', type: 'int', value: (r) => r.handler.observed },
  { name: 'expected', type: 'float8', value: (r) => r.handler.expected },
  { name: 'lift', type: 'float8', value: (r) => (Number.isFinite(r.handler.lift) ? r.handler.lift : 1e9) },
  { name: 'p_value', type: 'float8', value: (r) => r.handler.pValue },
  { name: 'significance', type: 'float8', value: (r) => significance(r.handler.pValue) },
  { name: 'run_id', type: 'bigint', value: (r) => r.runId },
  { name: 'updated_at', type: 'timestamptz', value: (r) => r.at },
];

/** −log10 p, capped where the tail underflows. */
export function significance(pValue: number): number {
  return pValue > 0 ? Number((-Math.log10(pValue)).toFixed(2)) : 300;
}

/** A ring's score: the mean of its members' scores (members below the suspect minimum count as found). */
export function ringScore(ring: Ring, suspects: ReadonlyMap<string, Suspect>): number {
  const scores = ring.members.map((m) => suspects.get(m)?.score).filter((s): s is number => s !== undefined);
  return scores.length === 0 ? 0 : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export interface FullResults {
  readonly rings: readonly Ring[];
  readonly shared: ReadonlyMap<string, readonly SharedIdentifier[]>;
  readonly suspects: readonly Suspect[];
  readonly colludingHandlers: readonly ColludingHandler[];
}

export async function replaceRingsAndHandlers(tx: Tx, results: FullResults, runId: bigint, at: Date): Promise<void> {
  const byId = new Map(results.suspects.map((s) => [s.idNumber, s]));
  await tx.$executeRawUnsafe('DELETE FROM intermediary_ring');
  await bulkInsert(tx, 'intermediary_ring', RING_COLUMNS, results.rings.map((ring) => ({
    ring, shared: results.shared.get(ring.ringId) ?? [], score: ringScore(ring, byId), runId, at,
  })));
  await tx.$executeRawUnsafe('DELETE FROM colluding_handler');
  await bulkInsert(tx, 'colluding_handler', HANDLER_COLUMNS, results.colludingHandlers.map((handler) => ({ handler, runId, at })));
}

/** The shares incremental updates test agent–handler affinity against, counted over the run's window. */
export async function replaceHandlerShares(tx: Tx, window: Window): Promise<number> {
  await tx.$executeRawUnsafe('DELETE FROM intermediary_handler_share');
  return tx.$executeRawUnsafe(
    `INSERT INTO intermediary_handler_share (station_code, type, handler_id, share) ${HANDLER_SHARES_SQL}`, window.from, window.to,
  );
}
