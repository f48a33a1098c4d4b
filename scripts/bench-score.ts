/**
 * npm run bench:score [-- --count 20000 --single 1000 --pg URL --redis URL --only embedded|postgres --cpu-profile FILE]
 * End to end: ingest + score (41 points) + persist (assessments, hits, alerts, audit).
 * 1) throughput in batches of 1,000 through the use case; 2) single transactions POSTed one by
 * one to the HTTP API by a client on its own thread, with latency percentiles. On the embedded default and on PostgreSQL + Redis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApi } from '../services/api/app.ts';
import { apiDeps, createScoring, ingestHooks } from '../services/app/wiring.ts';
import { createApiToken } from '../services/auth/api-tokens.ts';
import { ingestTransactions, MAX_BATCH } from '../services/ingest/ingest-transactions.ts';
import { importReference } from '../services/ingest/reference-data.ts';
import { LocalBlobStore } from '../services/platform/blob-store.ts';
import type { AppContext } from '../services/platform/context.ts';
import { parseEnv } from '../services/platform/env.ts';
import { createLogger } from '../services/platform/logger.ts';
import { BullQueue } from '../services/platform/queue/bullmq-queue.ts';
import { DatabaseQueue, type JobQueue } from '../services/platform/queue/index.ts';
import { postSequentially } from './bench/http-client.ts';
import { localPostgresCpuSeconds } from './bench/process-usage.ts';
import { startProfiler } from './bench/profiler.ts';
import { benchWorld, DEFAULT_PG, embeddedBackend, fmt, machine, percentile, postgresBackend, type Backend } from './bench/support.ts';

const { values } = parseArgs({ options: {
  count: { type: 'string', default: '20000' }, single: { type: 'string', default: '1000' },
  pg: { type: 'string', default: DEFAULT_PG }, redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  only: { type: 'string' }, 'cpu-profile': { type: 'string' },
} });
const count = Number(values.count);
const singles = Number(values.single);
const world = benchWorld(count + singles);
const batchPart = world.transactions.slice(0, count);
const singlePart = world.transactions.slice(count);
const blobs = new LocalBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-blobs-')));

async function batches(backend: Backend): Promise<number> {
  const deps = { db: backend.db, blobs, hooks: ingestHooks(createScoring()) };
  const cpu = cpuReadings(backend);
  const started = performance.now();
  const batchMs: number[] = [];
  for (let i = 0; i < batchPart.length; i += MAX_BATCH) {
    const batchStarted = performance.now();
    const result = await ingestTransactions(deps, batchPart.slice(i, i + MAX_BATCH), { actor: 'bench', source: 'file' });
    if (!result.ok) throw new Error(result.error.detail);
    batchMs.push(performance.now() - batchStarted);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = cpu.stop();
  const alerts = await backend.db.prisma.alert.count();
  console.log(`  batches of ${MAX_BATCH}: ${fmt(batchPart.length / seconds).padStart(6)} transactions/s  (${fmt(batchPart.length)} in ${fmt(seconds, 1)} s, ${fmt(alerts)} alerts raised)`);
  printBatchSpread(batchMs);
  printCpuBound(used, batchPart.length);
  return batchPart.length / seconds;
}

/**
 * The batches' own times, from the third on (the first ones warm the JIT and the caches): their
 * median moves less with the host's load than the overall rate, so it is the figure to compare.
 */
function printBatchSpread(batchMs: readonly number[]): void {
  const steady = [...batchMs.slice(2)].sort((a, b) => a - b);
  if (steady.length === 0) return;
  const median = percentile(steady, 50);
  console.log(`  per batch (3rd on): p25 ${fmt(percentile(steady, 25))} ms  median ${fmt(median)} ms  p75 ${fmt(percentile(steady, 75))} ms  (${fmt((MAX_BATCH * 1000) / median)} transactions/s at the median)`);
}

interface CpuUsed { readonly node: number; readonly postgres: number | null }

/** This process's CPU and, for a PostgreSQL server on this machine, the server's, over the batches. */
function cpuReadings(backend: Backend): { stop(): CpuUsed } {
  const local = backend.db.kind === 'postgres' && ['127.0.0.1', 'localhost', '::1'].includes(new URL(values.pg!).hostname);
  const postgres0 = local ? localPostgresCpuSeconds() : null;
  const node0 = process.cpuUsage();
  return {
    stop: () => {
      const node = process.cpuUsage(node0);
      const postgres1 = local ? localPostgresCpuSeconds() : null;
      return { node: (node.user + node.system) / 1e6, postgres: postgres0 === null || postgres1 === null ? null : postgres1 - postgres0 };
    },
  };
}

/**
 * CPU per 1,000 transactions and the ceiling it sets: ingestion is serialised (risk windows
 * count what was ingested before), so even with every step overlapped the machine's cores can
 * do no more than (cores × 1 s) / (CPU seconds per transaction).
 */
function printCpuBound(used: CpuUsed, transactions: number): void {
  const perThousand = (s: number): string => `${fmt((s * 1000 * 1000) / transactions)} ms`;
  if (used.postgres === null) {
    // Embedded: the database runs inside this process (or a remote server cannot be read).
    console.log(`  CPU per 1,000: this process ${perThousand(used.node)}`);
    return;
  }
  const cores = os.cpus().length;
  const ceiling = (cores * transactions) / (used.node + used.postgres);
  console.log(`  CPU per 1,000: Node ${perThousand(used.node)}, PostgreSQL ${perThousand(used.postgres)} → on ${cores} cores at most ≈ ${fmt(ceiling)} transactions/s even with Node and the database never waiting for each other`);
}

async function singleRequests(backend: Backend, queue: JobQueue): Promise<number> {
  const env = parseEnv({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() });
  const ctx: AppContext = { env, logger: createLogger('silent'), db: backend.db, blobs, queue, lifecycle: { draining: false }, close: async () => undefined };
  const app = createApi(apiDeps(ctx, createScoring()));
  // The API needs authentication: a scoped ingest token, as a business system would hold.
  const token = await createApiToken(backend.db, 'bench', { name: 'bench', scopes: ['ingest'] });
  if (!token.ok) throw new Error(token.error.detail);
  const authorization = `Bearer ${token.value.token}`;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)); });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const profiler = values['cpu-profile'] ? await startProfiler() : undefined;
  const latencies = await postSequentially(`http://127.0.0.1:${port}/api/v1/transactions`, authorization, singlePart.map((t) => JSON.stringify(t)));
  if (profiler) await profiler.stop(values['cpu-profile']!);
  await new Promise((resolve) => server.close(resolve));
  const sorted = latencies.sort((a, b) => a - b);
  console.log(`  single via HTTP:  p50 ${fmt(percentile(sorted, 50), 1)} ms  p95 ${fmt(percentile(sorted, 95), 1)} ms  p99 ${fmt(percentile(sorted, 99), 1)} ms  (${fmt(sorted.length)} sequential POSTs)`);
  return percentile(sorted, 99);
}

/** Issue 3's goals on a 2-core machine, for PostgreSQL + Redis. */
const GOAL_PER_SECOND = 3_000;
const GOAL_P99_MS = 35;
const verdict = (met: boolean): string => (met ? 'met' : 'not met');
const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`bench:score — ingest + score + persist on ${fmt(batchPart.length)} + ${fmt(singlePart.length)} simulated transactions; ${machine()}; load average ${loadAverage()}`);
for (const [kind, open, queueOf] of [
  ['embedded', embeddedBackend, (b: Backend) => new DatabaseQueue(b.db.sql)],
  ['postgres', () => postgresBackend(values.pg!), () => new BullQueue(values.redis!)],
] as const) {
  if (values.only !== undefined && values.only !== kind) continue;
  const backend = await open();
  const queue = queueOf(backend);
  console.log(`${backend.name}${queue.kind === 'bullmq' ? ' + Redis' : ''}`);
  try {
    await importReference(backend.db, world.reference, 'bench');
    const perSecond = await batches(backend);
    const p99 = await singleRequests(backend, queue);
    if (kind === 'postgres') {
      console.log(`  goals: ≥ ${fmt(GOAL_PER_SECOND)} transactions/s in batches → ${verdict(perSecond >= GOAL_PER_SECOND)}; single p99 < ${GOAL_P99_MS} ms → ${verdict(p99 < GOAL_P99_MS)}`);
    }
  } finally {
    await queue.close();
    await backend.dispose();
  }
}
console.log(`load average at the end ${loadAverage()} (figures from a shared machine swing with its load)`);
