/**
 * Developer tool: where batch ingestion + scoring spends its time on PostgreSQL, per SQL statement.
 * Prints wall time, Node and PostgreSQL-backend CPU, and the statements by total time.
 * Per batch: its wall time, and on PostgreSQL the median time of each phase.
 * npx tsx scripts/dev/profile-score.ts [--count 10000] [--single N] [--embedded] [--cpu-profile FILE] [--explain] [--explain-writes N] [--trace] [--timeline]
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- monkey-patches pg internals to time each statement */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import { ingestTransactions, MAX_BATCH } from '../../services/ingest/ingest-transactions.ts';
import { importReference } from '../../services/ingest/reference-data.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { benchWorld, DEFAULT_PG, embeddedBackend, percentile, postgresBackend } from '../bench/support.ts';

const T = new Map<string, [number, number]>();
/** The statements of the latest ingestion call, in order (--trace prints the last single one's). */
let trace: string[] = [];
/** --timeline: per statement of the latest batch, when it was handed to the driver and when it completed (ms since BEGIN). */
let timeline: Array<{ text: string; sent: number; done: number }> = [];
let batchStart = 0;
let callSpan = { before: 0, after: 0 };
let lastAggregate: { text: string; values: unknown[] } | undefined;
let explainWrites = '';
let batchNumber = 0;
const orig = (pg.Client.prototype as any).query;
(pg.Client.prototype as any).query = function (this: unknown, config: any, ...rest: any[]) {
  const text: string = typeof config === 'string' ? config : config?.text ?? '?';
  if (text.includes('SELECT (SELECT coalesce(json_agg(r)') || text.startsWith('WITH b AS MATERIALIZED')) lastAggregate = { text, values: config.values };
  // --explain-writes N: the N-th batch's write statements run under EXPLAIN ANALYZE (they still write) and their plans are printed.
  if (explainWrites && /^\/\* prepared \*\/ (WITH \w+ AS \()?INSERT/.test(text) && !text.includes('RETURNING') && batchNumber === Number(explainWrites)) {
    const explained = { ...config, text: `EXPLAIN (ANALYZE, BUFFERS) ${text.replace('/* prepared */ ', '')}`, name: undefined };
    return orig.call(this, explained, ...rest).then((r: any) => { console.log(r.rows.map((x: any) => (Array.isArray(x) ? x[0] : x['QUERY PLAN'])).join('\n')); return { ...r, rows: [], rowCount: 0 }; });
  }
  const flat = text.replace(/\s+/g, ' ');
  trace.push(flat.slice(0, 150));
  const t = performance.now();
  if (text === 'BEGIN') batchStart = t;
  const entry = { text: flat.slice(0, 90), sent: t - batchStart, done: 0 };
  timeline.push(entry);
  const result = orig.call(this, config, ...rest);
  if (result && typeof result.then === 'function') {
    return result.finally(() => {
      entry.done = performance.now() - batchStart;
      const k = flat.slice(0, 110); const v = T.get(k) ?? [0, 0]; v[0] += performance.now() - t; v[1]++; T.set(k, v);
    });
  }
  return result;
};
const PHASES = ['before BEGIN', 'BEGIN → first insert', 'inserts', '→ aggregates', 'aggregates', 'evaluation', 'persist → COMMIT'];

/** Where the latest batch's time went, from its timeline (PostgreSQL only; null when a statement is missing). */
function batchPhases(beforeBegin: number): number[] | null {
  const find = (re: RegExp) => timeline.find((e) => re.test(e.text));
  const inserts = timeline.filter((e) => e.text.includes('INSERT INTO "transaction"'));
  const aggregates = find(/^(WITH b AS MATERIALIZED|SELECT \(SELECT coalesce\(json_agg\(r\))/);
  const persist = find(/^UPDATE assessment SET current/) ?? find(/INSERT INTO assessment/);
  const commit = find(/^COMMIT/);
  const [first, last] = [inserts[0], inserts.at(-1)];
  if (!first || !last || !aggregates || !persist || !commit) return null;
  return [beforeBegin, first.sent, last.done - first.sent, aggregates.sent - last.done, aggregates.done - aggregates.sent, persist.sent - aggregates.done, commit.done - persist.sent];
}

const { values: flags } = parseArgs({ options: {
  count: { type: 'string', default: '10000' }, single: { type: 'string', default: '0' }, embedded: { type: 'boolean', default: false },
  'cpu-profile': { type: 'string' }, 'heap-profile': { type: 'string' }, explain: { type: 'boolean', default: false }, analyze: { type: 'string', default: '' }, 'explain-writes': { type: 'string', default: '' }, trace: { type: 'boolean', default: false }, timeline: { type: 'boolean', default: false },
} });
const count = Number(flags.count);
explainWrites = flags['explain-writes'];
const world = benchWorld(count);
const blobs = new LocalBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'prof-blobs-')));
const backend = flags.embedded ? await embeddedBackend() : await postgresBackend(DEFAULT_PG);
try {
  await importReference(backend.db, world.reference, 'bench');
  const deps = { db: backend.db, blobs, hooks: ingestHooks(createScoring()) };
  T.clear();
  const session = new inspector.Session();
  session.connect();
  if (flags['cpu-profile']) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  let systemTicks = 0;
  const backendCpu = async (): Promise<number> => {
    if (backend.db.kind !== 'postgres') return 0;
    const pids = await backend.db.sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    let ticks = 0;
    let kernel = 0;
    for (const { pid } of pids) {
      try { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); ticks += Number(f[11]) + Number(f[12]); kernel += Number(f[12]); } catch { /* gone */ }
    }
    systemTicks = kernel;
    return ticks * 10;
  };
  if (flags['heap-profile']) { await session.post('HeapProfiler.enable'); await session.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }); }
  const pg0 = await backendCpu();
  const system0 = systemTicks;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // --single n: the last n transactions one by one (the API's single-transaction path, without HTTP).
  const singles = Number(flags.single);
  const batchEnd = world.transactions.length - singles;
  const batchMs: number[] = [];
  const phases: number[][] = [];
  for (let i = 0; i < batchEnd; i += MAX_BATCH) {
    if (i + MAX_BATCH >= batchEnd && singles > 0) T.clear();
    batchNumber = i / MAX_BATCH + 1;
    timeline = [];
    const called = performance.now();
    const result = await ingestTransactions(deps, world.transactions.slice(i, Math.min(batchEnd, i + MAX_BATCH)), { actor: 'bench', source: 'file' });
    callSpan = { before: batchStart - called, after: performance.now() - batchStart };
    batchMs.push(performance.now() - called);
    const phase = batchPhases(batchStart - called);
    if (phase) phases.push(phase);
    if (!result.ok) throw new Error(result.error.detail);
    // --analyze 2,6,12: ANALYZE after those batch numbers (what autovacuum does on a live database).
    if (flags.analyze.split(',').includes(String(i / MAX_BATCH + 1))) await backend.db.sql.query('ANALYZE');
  }
  if (singles > 0) T.clear();
  const latencies: number[] = [];
  for (let i = batchEnd; i < world.transactions.length; i++) {
    trace = [];
    const started = performance.now();
    const result = await ingestTransactions(deps, [world.transactions[i]], { actor: 'bench', source: 'api' });
    if (!result.ok) throw new Error(result.error.detail);
    latencies.push(performance.now() - started);
  }
  if (singles > 0) {
    latencies.sort((a, b) => a - b);
    console.log(`single: p50 ${latencies[Math.floor(singles / 2)]!.toFixed(1)} ms, p99 ${latencies[Math.floor(singles * 0.99)]!.toFixed(1)} ms, statements per transaction ${([...T.values()].reduce((n, [, c]) => n + c, 0) / singles).toFixed(1)}`);
  }
  const s = (performance.now() - t0) / 1000;
  if (flags['cpu-profile']) { const { profile } = await session.post('Profiler.stop'); fs.writeFileSync(flags['cpu-profile'], JSON.stringify(profile)); }
  const cpu = process.cpuUsage(cpu0);
  if (flags['heap-profile']) { const { profile } = await session.post('HeapProfiler.stopSampling'); fs.writeFileSync(flags['heap-profile'], JSON.stringify(profile)); }
  const pgMs = (await backendCpu()) - pg0;
  const pgSystemMs = (systemTicks - system0) * 10;
  console.log(`total ${s.toFixed(1)} s, ${(count / s).toFixed(0)} tx/s; node cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, postgres backends cpu ${(pgMs / 1000).toFixed(1)} s (kernel ${(pgSystemMs / 1000).toFixed(1)} s)`);
  console.log(`batches (ms): ${batchMs.map((ms) => ms.toFixed(0)).join(' ')}`);
  if (phases.length > 2) {
    // Medians from the third batch on (the first ones warm the JIT and the caches).
    const median = (xs: number[]) => percentile(xs.sort((a, b) => a - b), 50);
    console.log(`phases, median ms: ${PHASES.map((name, i) => `${name} ${median(phases.slice(2).map((p) => p[i]!)).toFixed(1)}`).join(' | ')}`);
  }
  let sqlTotal = 0;
  for (const [, [t]] of T) sqlTotal += t;
  console.log(`in SQL ${(sqlTotal / 1000).toFixed(1)} s`);
  [...T].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30).forEach(([k, [t, n]]) => console.log((t / 1000).toFixed(2).padStart(6), String(n).padStart(5), k));
  if (flags.timeline) console.log(`the call began ${callSpan.before.toFixed(1)} ms before BEGIN and returned ${callSpan.after.toFixed(1)} ms after it`);
  if (flags.timeline) for (const { text, sent, done } of timeline) console.log(`${sent.toFixed(1).padStart(7)} → ${done.toFixed(1).padStart(7)} ms ${text}`);
  if (flags.trace) trace.forEach((text, i) => console.log(`${String(i + 1).padStart(3)}. ${text}`));
  if (flags.explain && lastAggregate) {
    const plan = await backend.db.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${lastAggregate.text}`, lastAggregate.values);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
} finally { await backend.dispose(); }
