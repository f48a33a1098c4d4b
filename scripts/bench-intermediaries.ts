/**
 * npm run bench:intermediaries [-- --count 1000000 --days 90 --incremental 1000 --backend postgres|embedded --pg URL]
 * Reusing a world: `-- --keep` writes it, leaves it in place and prints its target instead of
 * measuring; `-- --measure TARGET [--only full|incremental]` then measures on it (a PGlite folder
 * or a postgres:// URL; the incremental part ingests, so measure a copy: `cp -r` the folder, or
 * CREATE DATABASE … TEMPLATE …, taken after a `--only full` run to repeat only the incremental part).
 *
 * Issue 5, acceptance 3: a world of `count` transactions (scripts/bench/intermediaries-world.ts,
 * written by set-based SQL into a scratch PostgreSQL database, or an embedded PGlite one),
 * then (1) the full recompute job's use case — detection, ring identifiers, identity links,
 * every result persisted, audited — with its time, phases and peak memory, (2) `incremental`
 * new transactions ingested one at a time through the ingest hook, with the incremental
 * update's latency percentiles, and (3) a ring refresh. Goals: full < 60 s and < 1 GB;
 * incremental p95 < 100 ms.
 *
 * Memory is the peak resident set of the process that runs the recompute, as the kernel
 * counts it (VmHWM), from that process's start: the world is written by this process and the
 * measured part runs in a fresh one (`--measure`), so the writing's memory is not in it. With
 * the embedded engine the whole database engine — its WebAssembly heap, which grows and never
 * shrinks — is in that process and counted; with PostgreSQL the server's memory is not.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestTransactions, type IngestHook } from '../services/ingest/ingest-transactions.ts';
import { intermediariesIngestHook, refreshRings, runFullRecompute } from '../services/intermediaries/index.ts';
import { LocalBlobStore } from '../services/platform/blob-store.ts';
import { openDatabase, type Database } from '../services/platform/db.ts';
import { migrate } from '../services/platform/migrate.ts';
import { DEFAULT_PG, fmt, machine, percentile } from './bench/support.ts';
import { generateBulkWorld, newTransactions, RINGS } from './bench/intermediaries-world.ts';

const { values } = parseArgs({ options: {
  count: { type: 'string', default: '1000000' }, days: { type: 'string', default: '90' }, incremental: { type: 'string', default: '1000' },
  backend: { type: 'string', default: 'postgres' }, pg: { type: 'string', default: DEFAULT_PG },
  // Internal: the measured part, in a fresh process, on the database the parent wrote (a PGlite folder or a postgres:// URL).
  measure: { type: 'string' }, touts: { type: 'string' },
  // Reusing a world: `--keep` writes it and leaves it in place (its target printed) instead of measuring; `--measure TARGET
  // --only full|incremental` then runs one part on it, so a copy taken after the full run can be measured again and again.
  keep: { type: 'boolean', default: false }, only: { type: 'string' },
} });
const count = Number(values.count);
const days = Number(values.days);
const singles = Number(values.incremental);
const START = '2026-01-01';

const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/** The kernel's high-water mark of this process's resident set (VmHWM), in bytes. */
function peakRss(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return status ? Number(status[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

const line = (label: string, ms: readonly number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `  ${label.padEnd(44)} p50 ${fmt(percentile(sorted, 50), 1).padStart(6)} ms  p95 ${fmt(percentile(sorted, 95), 1).padStart(6)} ms  p99 ${fmt(percentile(sorted, 99), 1).padStart(6)} ms  max ${fmt(sorted.at(-1) ?? 0, 1)} ms`;
};

async function incremental(db: Database): Promise<void> {
  const docs = await newTransactions(db.sql, singles);
  const hookMs: number[] = [];
  const totalMs: number[] = [];
  const hook = intermediariesIngestHook('bench');
  const timed: IngestHook = async (tx, stored, held) => {
    const started = performance.now();
    const out = await hook(tx, stored, held);
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
  console.log(`incremental: ${fmt(docs.length)} new transactions, one per ingest call (${fmt(docs.filter((d) => (d as { agent: unknown }).agent !== null).length)} with an agent); ${fmt(runs[0]?.n ?? 0)} updates rescored ${fmt(runs[0]?.touched ?? 0)} agents; ${load()}`);
  console.log(line('touched agents rescored + suspect rows written', hookMs));
  console.log(line('whole ingest call (store + audit + update)', totalMs));
  console.log(`  goal: p95 < 100 ms for the update → ${percentile([...hookMs].sort((a, b) => a - b), 95) < 100 ? 'met' : 'NOT met'}`);
  const started = performance.now();
  const refresh = await refreshRings(db, { actor: 'bench' });
  console.log(`ring refresh after them: ${fmt(performance.now() - started)} ms, ${fmt(refresh?.candidates ?? 0)} candidates, ${fmt(refresh?.attached.length ?? 0)} attached to a ring`);
}

/** The measured part (a fresh process): the full recompute with its peak memory, then the incremental updates. */
async function measure(target: string, touts: readonly string[]): Promise<void> {
  const db = await openDatabase(target.startsWith('postgres') ? { url: target, embeddedDir: '', poolSize: 4 } : { embeddedDir: target });
  try {
    // A kept world may predate a migration (nothing to do for a world this process's parent wrote).
    await migrate(db.sql);
    if (values.only !== 'incremental') await measureFull(db, touts);
    if (values.only !== 'full') await incremental(db);
    console.log(`peak RSS of this process at the end: ${mb(peakRss())}`);
  } finally {
    await db.close();
  }
}

async function measureFull(db: Database, touts: readonly string[]): Promise<void> {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const s = await runFullRecompute(db, { actor: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRss();
  const phases = Object.entries(s.timings).map(([k, v]) => `${k.replace(/Ms$/, '')} ${fmt(v / 1000, 1)} s`).join(', ');
  const where = db.kind === 'pglite'
    ? 'the embedded engine and its WebAssembly heap included'
    : 'Node only: the PostgreSQL server\'s memory (up to 64 MB per sort or hash of the detector\'s connection) is not counted';
  console.log(`full recompute: ${fmt(seconds, 1)} s; peak RSS ${mb(peak)} (this process from its start, ${mb(before)} once the database was open; ${where}); ${load()}`);
  console.log(`  phases: ${phases}`);
  const suspects = new Set((await db.sql.query<{ id: string }>('SELECT id_number AS id FROM intermediary_suspect')).map((r) => r.id));
  console.log(`  found ${fmt(s.suspects)} suspects (planted touts among them: ${touts.filter((t) => suspects.has(t)).length}/${touts.length}), ${fmt(s.rings)} rings, ${fmt(s.colludingHandlers)} colluding handlers, ${fmt(s.links)} identity links`);
  console.log(`  goal: < 60 s and < 1 GB → ${seconds < 60 && peak < 2 ** 30 ? 'met' : 'NOT met'}`);
}


/** Runs the measured part in a fresh Node process (same loader), on the database this one wrote. */
async function measureInChild(target: string, touts: readonly string[]): Promise<void> {
  const args = [...process.execArgv, process.argv[1] as string, '--incremental', String(singles), '--measure', target, '--touts', touts.join(',')];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the measured process exited with ${code}`);
}

/** Where the world is written: a scratch PostgreSQL database or a PGlite folder, named so a second process can open it. */
interface Scratch {
  readonly name: string;
  /** A postgres:// URL or the PGlite folder. */
  readonly target: string;
  drop(): Promise<void>;
}

async function scratch(embedded: boolean): Promise<Scratch> {
  if (embedded) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
    return { name: 'embedded (PGlite, file)', target: path.join(dir, 'pglite'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `bench_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: values.pg });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(values.pg);
  url.pathname = `/${name}`;
  return { name: 'PostgreSQL', target: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function run(where: Scratch): Promise<void> {
  console.log(`back end: ${where.name}; ${fmt(count)} transactions over ${days} days; ${machine()}; ${load()}`);
  const db = await openDatabase(where.target.startsWith('postgres') ? { url: where.target, embeddedDir: '', poolSize: 4 } : { embeddedDir: where.target });
  let touts: string[];
  try {
    await migrate(db.sql);
    const started = performance.now();
    const truth = await generateBulkWorld(db.sql, { transactions: count, days, start: START }, (step) => process.stdout.write(`  world: ${step}\n`));
    console.log(`world written in ${fmt((performance.now() - started) / 1000, 1)} s (setup, not part of the goal): ${RINGS} rings, ${truth.touts.length} touts`);
    touts = truth.touts;
  } finally {
    await db.close();
  }
  if (values.keep) console.log(`world kept: ${where.target} (measure with --measure ${where.target} --touts ${touts.join(',')})`);
  else await measureInChild(where.target, touts);
}

async function main(): Promise<void> {
  if (values.measure) {
    await measure(values.measure, (values.touts ?? '').split(',').filter((t) => t !== ''));
    return;
  }
  if (!Number.isInteger(count) || count < 10_000) throw new Error('--count must be an integer of at least 10000');
  const where = await scratch(values.backend === 'embedded');
  try {
    await run(where);
  } finally {
    if (!values.keep) await where.drop();
  }
  console.log('note: figures from a shared machine; other work running at the same time slows them.');
}

await main();
