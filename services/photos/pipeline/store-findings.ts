/** Writes photo findings once per photo (a retried job finds them there and writes nothing). */
import { bulkInsert, type BulkColumn } from '../../platform/bulk.ts';
import type { Tx } from '../../platform/db.ts';
import { phashBands, phashToBigint } from './near-duplicates.ts';
import type { StoredFindings } from './stored-findings.ts';
import type { Judgement } from './verdict.ts';

export interface NewFinding {
  readonly photoId: bigint;
  readonly transactionId: string;
  readonly judgement: Judgement;
  readonly findings: StoredFindings;
  readonly phash: string | null;
  readonly decodable: boolean;
  readonly problem: string | null;
  readonly latencyMs: number;
  readonly reviewDueAt: Date | null;
  readonly models: Record<string, unknown>;
}

const band = (i: 0 | 1 | 2 | 3) => (f: NewFinding): number | null => (f.phash ? phashBands(f.phash)[i] : null);

const COLUMNS: readonly BulkColumn<NewFinding>[] = [
  { name: 'photo_id', type: 'bigint', value: (f) => f.photoId },
  { name: 'transaction_id', type: 'text', value: (f) => f.transactionId },
  { name: 'verdict', type: 'text', value: (f) => f.judgement.verdict },
  { name: 'auto_verdict', type: 'text', value: (f) => f.judgement.verdict },
  { name: 'reasons', type: 'jsonb', value: (f) => f.judgement.reasons },
  { name: 'findings', type: 'jsonb', value: (f) => f.findings },
  { name: 'phash', type: 'bigint', value: (f) => (f.phash ? phashToBigint(f.phash) : null) },
  { name: 'band0', type: 'int', value: band(0) },
  { name: 'band1', type: 'int', value: band(1) },
  { name: 'band2', type: 'int', value: band(2) },
  { name: 'band3', type: 'int', value: band(3) },
  { name: 'models', type: 'jsonb', value: (f) => f.models },
  { name: 'latency_ms', type: 'int', value: (f) => f.latencyMs },
  { name: 'review_due_at', type: 'timestamptz', value: (f) => f.reviewDueAt },
];

/** Returns how many findings were new. Undecodable photos are marked UNREADABLE (R28). */
export async function storeFindings(tx: Tx, findings: readonly NewFinding[]): Promise<number> {
  if (findings.length === 0) return 0;
  const written = await bulkInsert(tx, 'photo_finding', COLUMNS, findings, 'ON CONFLICT (photo_id) DO NOTHING');
  const unreadable = findings.filter((f) => !f.decodable && f.problem !== null);
  for (const f of unreadable) {
    await tx.photo.updateMany({ where: { id: f.photoId, state: 'STORED' }, data: { state: 'UNREADABLE', problem: f.problem } });
  }
  return written;
}
