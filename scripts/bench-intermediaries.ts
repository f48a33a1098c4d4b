/**
 * npm run bench:intermediaries [-- --count 1000000 --days 90 --incremental 1000 --backend postgres|embedded --pg URL]
 *
 * Issue 5, acceptance 3: a world of `count` transactions (scripts/bench/intermediaries-world.ts,
 * written by set-based SQL into a scratch PostgreSQL database, or an embedded PGlite one),
 * then (1) the full recompute job's use case — detection, ring identifiers, identity links,
 * every result persisted, audited — with its time, phases and the process's peak memory, and
 * (2) `incremental` new transactions ingested one at a time through the ingest hook, with the
 * incremental update's latency percentiles. Goals: full < 60 s and < 1 GB; incremental p95 < 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestTransactions, type IngestHook } from '../services/ingest/ingest-transactions.ts';
import { intermediariesIngestHook, runFullRecompute } from '../services/intermediaries/index.ts';
import { LocalBlobStore } from '../services/platform/blob-store.ts';
import type { Database } from '../services/platform/db.ts';
import { DEFAULT_PG, embeddedBackend, fmt, machine, percentile, postgresBackend, type Backend } from './bench/support.ts';
import { generateBulkWorld, RINGS } from './bench/intermediaries-world.ts';

const { values } = parseArgs({ options: {
  count: { type: 'string', default: '1000000' }, days: { type: 'string', default: '90' }, incremental: { type: 'string', default: '1000' },
  backend: { type: 'string', default: 'postgres' }, pg: { type: 'string', default: DEFAULT_PG },
} });
const count = Number(values.count);
const days = Number(values.days);
const singles = Number(values.incremental);
const START = '2026-01-01';

const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;

/** Peak resident memory of this process while `work` runs (sampled, and the kernel's high-water mark). */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRss: number; rssBefore: number }> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const before = process.resourceUsage().maxRSS * 1024;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const started = performance.now();
  try {
    const value = await work();
    const after = process.resourceUsage().maxRSS * 1024;
    return { value, seconds: (performance.now() - started) / 1000, peakRss: Math.max(peak, after > before ? after : 0), rssBefore };
  } finally {
    clearInterval(timer);
  }
}

interface Row extends Record<string, unknown> {
  applicant_key: string; applicant_name: string | null; applicant_phone: string | null; applicant_address_norm: string | null;
  agent_id_number: string | null; agent_phone: string | null; agent_org_code: string | null; agent_name: string | null;
  booker_phone: string | null; booker_account: string | null; station_code: string; handler_id: string; type: string;
}

/** New transactions after the world's last day, copying the parties of existing ones (touts, clerks, citizens). */
async function newTransactions(db: Database, n: number): Promise<unknown[]> {
  const rows = await db.sql.query<Row>(`
    SELECT t.applicant_key, t.applicant_name, t.applicant_phone, t.applicant_address_norm, t.agent_id_number, t.agent_phone, t.agent_org_code,
           p.name AS agent_name, t.booker_phone, t.booker_account, t.station_code, t.handler_id, t.type
    FROM transaction t LEFT JOIN person p ON p.key = 'P:' || t.agent_id_number
    WHERE t.seq % 97 = 0 ORDER BY (t.agent_id_number IS NULL), t.seq LIMIT $1`, [n]);
  const [last] = await db.sql.query<{ at: Date }>('SELECT max(accepted_at) AS at FROM transaction');
  const base = new Date(last!.at).getTime();
  return rows.map((r, i) => {
    const at = new Date(base + (i + 1) * 60_000).toISOString();
    return {
      id: `BW-NEW-${String(i).padStart(6, '0')}`, version: 1, type: r.type, status: 'ACCEPTED', acceptedAt: at, completedAt: null,
      stationCode: r.station_code, handlerId: r.handler_id, approverId: null, workstationId: null, channel: r.agent_org_code ? 'PARTNER' : 'COUNTER',
      applicant: { kind: 'PERSON', idNumber: r.applicant_key.slice(2), name: r.applicant_name, phone: r.applicant_phone, address: r.applicant_address_norm, identityCheck: 'PASSED' },
      agent: r.agent_id_number ? { idNumber: r.agent_id_number, name: r.agent_name, phone: r.agent_phone, address: null, identityCheck: 'NOT_DONE', orgCode: r.agent_org_code } : null,
      vehicle: null,
      appointment: r.booker_phone || r.booker_account ? { id: `AP-NEW-${i}`, bookedAt: null, bookerPhone: r.booker_phone, bookerAccount: r.booker_account } : null,
      flags: { override: false, tolerance: false, toleranceDueAt: null }, materials: [], photos: [], extra: {},
    };
  });
}

async function incremental(db: Database): Promise<void> {
  const docs = await newTransactions(db, singles);
  const hookMs: number[] = [];
  const totalMs: number[] = [];
  const hook = intermediariesIngestHook('bench');
  const timed: IngestHook = async (tx, stored) => {
    const started = performance.now();
    const out = await hook(tx, stored);
    hookMs.push(performance.now() - started);
    return out;
  };
  const blobs = new LocalBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-blobs-')));
  for (const doc of docs) {
    const started = performance.now();
    const result = await ingestTransactions({ db, blobs, hooks: [timed] }, [doc], { actor: 'bench', source: 'api' });
    if (!result.ok || result.value[0]?.outcome !== 'created') throw new Error(`ingest failed: ${JSON.stringify(result)}`);
    totalMs.push(performance.now() - started);
  }
  const runs = await db.sql.query<{ n: number; touched: number }>(`SELECT count(*)::int AS n, coalesce(sum(persons_touched), 0)::int AS touched FROM intermediary_run WHERE kind = 'INCREMENTAL'`);
  const line = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `  ${label.padEnd(44)} p50 ${fmt(percentile(sorted, 50), 1).padStart(6)} ms  p95 ${fmt(percentile(sorted, 95), 1).padStart(6)} ms  p99 ${fmt(percentile(sorted, 99), 1).padStart(6)} ms  max ${fmt(sorted.at(-1) ?? 0, 1)} ms`;
  };
  console.log(`incremental: ${fmt(docs.length)} new transactions, one per ingest call (${fmt(docs.filter((d) => (d as { agent: unknown }).agent !== null).length)} with an agent); ${fmt(runs[0]?.n ?? 0)} updates rescored ${fmt(runs[0]?.touched ?? 0)} agents`);
  console.log(line('touched agents rescored + suspect rows written', hookMs));
  console.log(line('whole ingest call (store + audit + update)', totalMs));
  console.log(`  goal: p95 < 100 ms for the update → ${percentile([...hookMs].sort((a, b) => a - b), 95) < 100 ? 'met' : 'NOT met'}`);
}

async function run(backend: Backend): Promise<void> {
  console.log(`back end: ${backend.name}; ${fmt(count)} transactions over ${days} days; ${machine()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const generated = await measured(() => generateBulkWorld(backend.db.sql, { transactions: count, days, start: START }, (step) => process.stdout.write(`  world: ${step}\n`)));
  const truth = generated.value;
  console.log(`world written in ${fmt(generated.seconds, 1)} s (setup, not part of the goal): ${RINGS} rings, ${truth.touts.length} touts`);
  const full = await measured(() => runFullRecompute(backend.db, { actor: 'bench' }));
  const s = full.value;
  const phases = Object.entries(s.timings).map(([k, v]) => `${k.replace(/Ms$/, '')} ${fmt(v / 1000, 1)} s`).join(', ');
  const where = backend.name === 'PostgreSQL' ? 'the SQL runs in the PostgreSQL server' : 'PGlite, the whole database engine, runs in this process and its heap never shrinks';
  console.log(`full recompute: ${fmt(full.seconds, 1)} s, peak RSS ${mb(full.peakRss)} (this process, ${mb(full.rssBefore)} before it started; ${where})`);
  console.log(`  phases: ${phases}`);
  const suspects = new Set((await backend.db.sql.query<{ id: string }>('SELECT id_number AS id FROM intermediary_suspect')).map((r) => r.id));
  console.log(`  found ${fmt(s.suspects)} suspects (planted touts among them: ${truth.touts.filter((t) => suspects.has(t)).length}/${truth.touts.length}), ${fmt(s.rings)} rings, ${fmt(s.colludingHandlers)} colluding handlers, ${fmt(s.links)} identity links`);
  console.log(`  goal: < 60 s and < 1 GB → ${full.seconds < 60 && full.peakRss < 2 ** 30 ? 'met' : 'NOT met'}`);
  await incremental(backend.db);
}

async function main(): Promise<void> {
  if (!Number.isInteger(count) || count < 10_000) throw new Error('--count must be an integer of at least 10000');
  const backend = values.backend === 'embedded' ? await embeddedBackend() : await postgresBackend(values.pg);
  try {
    await run(backend);
  } finally {
    await backend.dispose();
  }
  console.log('note: figures from a shared machine; other work running at the same time slows them.');
}

await main();
