/**
 * Writing suspects: the full run replaces them all, an incremental update upserts the agents
 * it rescored and removes those who fell below the minimum. Set-based (one statement per
 * kind of write), with the person's name joined from the person record.
 */
import { bulkInsert, type BulkColumn } from '../../platform/bulk.ts';
import type { Tx } from '../../platform/db.ts';
import type { Suspect } from '../types.ts';

interface SuspectRow {
  readonly suspect: Suspect;
  readonly name: string | null;
  readonly runId: bigint;
  readonly at: Date;
}

const num = (value: number | string | undefined): number => (typeof value === 'number' ? value : 0);
const time = (value: number | string | undefined): string | null => (typeof value === 'string' ? value : null);

const COLUMNS: readonly BulkColumn<SuspectRow>[] = [
  { name: 'person_key', type: 'text', value: (r) => `P:${r.suspect.idNumber}` },
  { name: 'id_number', type: 'text', value: (r) => r.suspect.idNumber },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'phone', type: 'text', value: (r) => r.suspect.phone },
  { name: 'score', type: 'int', value: (r) => r.suspect.score },
  { name: 'ring_id', type: 'text', value: (r) => r.suspect.ringId },
  { name: 'segment', type: 'text', value: (r) => r.suspect.segment },
  { name: 'reasons', type: 'jsonb', value: (r) => r.suspect.reasons },
  { name: 'evidence', type: 'jsonb', value: (r) => r.suspect.evidence },
  { name: 'transactions', type: 'int', value: (r) => num(r.suspect.evidence.transactions) },
  { name: 'unrelated_principals', type: 'int', value: (r) => num(r.suspect.evidence.unrelatedPrincipals) },
  { name: 'first_seen', type: 'timestamptz', value: (r) => time(r.suspect.evidence.firstSeen) },
  { name: 'last_seen', type: 'timestamptz', value: (r) => time(r.suspect.evidence.lastSeen) },
  { name: 'run_id', type: 'bigint', value: (r) => r.runId },
  { name: 'updated_at', type: 'timestamptz', value: (r) => r.at },
];

const UPSERT = `ON CONFLICT (person_key) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, score = EXCLUDED.score,
  ring_id = EXCLUDED.ring_id, segment = EXCLUDED.segment, reasons = EXCLUDED.reasons, evidence = EXCLUDED.evidence,
  transactions = EXCLUDED.transactions, unrelated_principals = EXCLUDED.unrelated_principals, first_seen = EXCLUDED.first_seen,
  last_seen = EXCLUDED.last_seen, run_id = EXCLUDED.run_id, updated_at = EXCLUDED.updated_at`;

async function namesOf(tx: Tx, suspects: readonly Suspect[]): Promise<Map<string, string | null>> {
  if (suspects.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<Array<{ key: string; name: string | null }>>(
    'SELECT key, name FROM person WHERE key = ANY($1::text[])', suspects.map((s) => `P:${s.idNumber}`),
  );
  return new Map(rows.map((r) => [r.key, r.name]));
}

async function insertSuspects(tx: Tx, suspects: readonly Suspect[], runId: bigint, at: Date, upsert: boolean): Promise<void> {
  const names = await namesOf(tx, suspects);
  const rows = suspects.map((suspect) => ({ suspect, name: names.get(`P:${suspect.idNumber}`) ?? null, runId, at }));
  for (let i = 0; i < rows.length; i += 5_000) await bulkInsert(tx, 'intermediary_suspect', COLUMNS, rows.slice(i, i + 5_000), upsert ? UPSERT : '');
}

/** The full run: every suspect row replaced. */
export async function replaceSuspects(tx: Tx, suspects: readonly Suspect[], runId: bigint, at: Date): Promise<void> {
  await tx.$executeRawUnsafe('DELETE FROM intermediary_suspect');
  await insertSuspects(tx, suspects, runId, at, false);
}

/**
 * An incremental update of the rescored `agents`: those still suspects are upserted, the rest
 * removed. Returns how many rows changed score or appeared/disappeared.
 */
export async function updateSuspects(tx: Tx, agents: readonly string[], suspects: readonly Suspect[], runId: bigint, at: Date): Promise<{ upserted: number; removed: number }> {
  const keep = new Set(suspects.map((s) => s.idNumber));
  const gone = agents.filter((a) => !keep.has(a)).map((a) => `P:${a}`);
  const removed = gone.length === 0 ? 0 : await tx.$executeRawUnsafe('DELETE FROM intermediary_suspect WHERE person_key = ANY($1::text[])', gone);
  await insertSuspects(tx, suspects, runId, at, true);
  return { upserted: suspects.length, removed };
}
