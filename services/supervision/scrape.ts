/**
 * What /metrics answers: the process's instruments plus the shared state read at scrape time —
 * queue depth (database queue or BullMQ) and open alerts by severity and SLA state (one cheap
 * query on the partial index of open alerts). A source that fails or hangs does not fail the
 * scrape: its series are left out and cheguan_scrape_source_up says so.
 */
import type { Database } from '../platform/db.ts';
import type { JobQueue } from '../platform/queue/index.ts';
import { metricsRegistry, openAlerts, queueJobs, sourceUp } from './metrics.ts';

export interface ScrapeSources {
  readonly db: Database;
  readonly queue: JobQueue;
  /** Queues whose depth is reported (the worker registrations' queues). */
  readonly queues: readonly string[];
  /** Longest wait for one source before it is reported down (a Redis outage must not hang the scrape). */
  readonly timeoutMs?: number;
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
const SLA_STATES = ['ON_TIME', 'NEAR_BREACH', 'BREACHED'] as const;

// The SLA test of services/review/sla.ts (alias a), on open alerts only.
const OPEN_ALERTS_SQL = `
  SELECT a.severity,
         CASE WHEN now() > a.sla_due_at THEN 'BREACHED'
              WHEN now() >= a.sla_due_at - (a.sla_due_at - a.created_at) * 0.2 THEN 'NEAR_BREACH'
              ELSE 'ON_TIME' END AS sla,
         count(*)::int AS n
  FROM alert a WHERE a.status <> 'CLOSED' GROUP BY 1, 2`;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Counts = Map<string, number>;

async function readOpenAlerts(db: Database, timeoutMs: number): Promise<Counts | null> {
  try {
    const rows = await withTimeout(db.sql.query<{ severity: string; sla: string; n: number }>(OPEN_ALERTS_SQL), timeoutMs);
    return new Map(rows.map((r) => [`${r.severity}|${r.sla}`, Number(r.n)]));
  } catch {
    return null;
  }
}

async function readQueues(queue: JobQueue, names: readonly string[], timeoutMs: number): Promise<Counts | null> {
  try {
    const depths = await withTimeout(Promise.all(names.map(async (name) => [name, await queue.depth(name)] as const)), timeoutMs);
    const counts: Counts = new Map();
    for (const [name, depth] of depths) {
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) counts.set(`${name}|${state}`, depth[state]);
    }
    return counts;
  } catch {
    return null;
  }
}

/** Reads the shared state, then sets every gauge at once (so concurrent scrapes never mix halves). */
export async function renderMetrics(sources: ScrapeSources): Promise<string> {
  const timeoutMs = sources.timeoutMs ?? 2_000;
  const [alerts, queues] = await Promise.all([readOpenAlerts(sources.db, timeoutMs), readQueues(sources.queue, sources.queues, timeoutMs)]);
  openAlerts.reset();
  queueJobs.reset();
  sourceUp.set({ source: 'database' }, alerts ? 1 : 0);
  sourceUp.set({ source: 'queue' }, queues ? 1 : 0);
  if (alerts) {
    // Every combination, zeros included: a series that disappears cannot be told from a scrape gap.
    for (const severity of SEVERITIES) for (const sla of SLA_STATES) openAlerts.set({ severity, sla }, alerts.get(`${severity}|${sla}`) ?? 0);
  }
  if (queues) {
    for (const [key, value] of queues) {
      const [queue = '', state = ''] = key.split('|');
      queueJobs.set({ queue, state }, value);
    }
  }
  return metricsRegistry.metrics();
}
