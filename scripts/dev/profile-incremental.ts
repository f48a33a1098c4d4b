/**
 * Developer tool: where the embedded incremental update spends its time, per SQL statement.
 * Run on a COPY of a bench world that has had a full run (`npm run bench:intermediaries --
 * --backend embedded --keep`, then `--measure COPY --only full`): it ingests.
 * npx tsx scripts/dev/profile-incremental.ts DIR [--count 300] [--slow 100]
 * Prints per statement (first 110 characters) total, calls and the worst call, and for updates
 * slower than --slow ms their statements in order. --explain TEXT: statements containing TEXT are
 * first run under EXPLAIN ANALYZE (which executes them), and plans slower than --slow printed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- monkey-patches PGlite's transaction to time each statement */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { ingestTransactions, type IngestHook } from '../../services/ingest/ingest-transactions.ts';
import { intermediariesIngestHook } from '../../services/intermediaries/index.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { openDatabase } from '../../services/platform/db.ts';
import { newTransactions } from '../bench/intermediaries-world.ts';
import { percentile } from '../bench/support.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { count: { type: 'string', default: '300' }, slow: { type: 'string', default: '100' }, explain: { type: 'string' } } });
const totals = new Map<string, { ms: number; n: number; worst: number }>();
let current: [string, number][] = [];
let inHook = false;

const timed = (fn: (...a: any[]) => Promise<any>) => async function (this: unknown, text: string, ...rest: any[]) {
  if (inHook && values.explain && text.includes(values.explain)) {
    const t = performance.now();
    const plan = await fn.call(this, `EXPLAIN (ANALYZE, BUFFERS) ${text}`, ...rest);
    if (performance.now() - t > Number(values.slow)) console.log(plan.rows.map((r: any) => r['QUERY PLAN'] ?? r[0]).join('\n'));
  }
  const started = performance.now();
  try { return await fn.call(this, text, ...rest); } finally {
    if (inHook) {
      const ms = performance.now() - started;
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
      const t = totals.get(key) ?? { ms: 0, n: 0, worst: 0 };
      t.ms += ms; t.n++; t.worst = Math.max(t.worst, ms); totals.set(key, t);
      current.push([key.slice(0, 90), ms]);
    }
  }
};
const originalTransaction = (PGlite.prototype as any).transaction;
(PGlite.prototype as any).transaction = function (this: unknown, callback: (tx: any) => Promise<unknown>) {
  return originalTransaction.call(this, (tx: any) => callback({ ...tx, query: timed(tx.query), exec: timed(tx.exec) }));
};

const db = await openDatabase({ embeddedDir: positionals[0] as string });
const docs = await newTransactions(db.sql, Number(values.count));
const hook = intermediariesIngestHook('profile');
const hookMs: number[] = [];
const slow: string[] = [];
const wrapped: IngestHook = async (tx, stored, held) => {
  current = []; inHook = true;
  const started = performance.now();
  try { return await hook(tx, stored, held); } finally {
    inHook = false;
    const ms = performance.now() - started;
    hookMs.push(ms);
    if (ms > Number(values.slow)) slow.push(`${ms.toFixed(0)} ms ${stored[0]?.transaction.id}: ${current.map(([k, t]) => `\n    ${t.toFixed(1).padStart(7)}  ${k}`).join('')}`);
  }
};
const blobs = new LocalBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-blobs-')));
for (const doc of docs) {
  const result = await ingestTransactions({ db, blobs, hooks: [wrapped] }, [doc], { actor: 'profile', source: 'api' });
  if (!result.ok) throw new Error(JSON.stringify(result));
}
const sorted = [...hookMs].sort((a, b) => a - b);
console.log(`${hookMs.length} updates: p50 ${percentile(sorted, 50).toFixed(1)} p95 ${percentile(sorted, 95).toFixed(1)} p99 ${percentile(sorted, 99).toFixed(1)} max ${sorted.at(-1)?.toFixed(1)} ms; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [k, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(5)}× worst ${t.worst.toFixed(0).padStart(5)}  ${k}`);
console.log(`slow updates (${slow.length}):`);
for (const s of slow.slice(0, 12)) console.log(`  ${s}`);
await db.close();
