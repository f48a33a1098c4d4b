/**
 * The platform's Prometheus instruments, in a registry of their own (never prom-client's global
 * one, which libraries may also write to). Events are recorded where they happen through the
 * small functions below; gauges that describe shared state (queue depth, open alerts) are read
 * at scrape time by scrape.ts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const metricsRegistry = new Registry();

// Process health (CPU, memory, event-loop lag, GC): the 系统 dashboard's worker health.
collectDefaultMetrics({ register: metricsRegistry });

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const ingested = new Counter({
  name: 'cheguan_transactions_ingested_total',
  help: 'Transactions stored and handed to scoring, by outcome (created, revised)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const scoring = new Histogram({
  name: 'cheguan_scoring_duration_seconds',
  help: 'Time to score one batch (aggregates, 41 points, assessments, alerts), by trigger (INGEST, PHOTOS, RINGS, SWEEP)',
  labelNames: ['trigger'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [metricsRegistry],
});

const scoredTransactions = new Counter({
  name: 'cheguan_scored_transactions_total',
  help: 'Transactions scored, by trigger; with the duration histogram this gives the time per transaction',
  labelNames: ['trigger'] as const,
  registers: [metricsRegistry],
});

const modelInference = new Histogram({
  name: 'cheguan_model_inference_duration_seconds',
  help: 'Inference time of one image model on one photo, by model id',
  labelNames: ['model'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [metricsRegistry],
});

const httpRequests = new Histogram({
  name: 'cheguan_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [metricsRegistry],
});

export const queueJobs = new Gauge({
  name: 'cheguan_queue_jobs',
  help: 'Jobs per queue and state (waiting, active, delayed, failed), read at scrape',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const openAlerts = new Gauge({
  name: 'cheguan_open_alerts',
  help: 'Alerts not yet closed, by severity and SLA state (ON_TIME, NEAR_BREACH, BREACHED), read at scrape',
  labelNames: ['severity', 'sla'] as const,
  registers: [metricsRegistry],
});

export const sourceUp = new Gauge({
  name: 'cheguan_scrape_source_up',
  help: '1 when the source (database, queue) answered at this scrape, 0 when it failed or timed out',
  labelNames: ['source'] as const,
  registers: [metricsRegistry],
});

export function countIngested(outcome: 'created' | 'revised', count = 1): void {
  if (count > 0) ingested.inc({ outcome }, count);
}

export function observeScoring(trigger: string, seconds: number, transactions: number): void {
  scoring.observe({ trigger }, seconds);
  if (transactions > 0) scoredTransactions.inc({ trigger }, transactions);
}

/** Called by the photo pipeline for every model run on a photo. */
export function observeModelInference(modelId: string, seconds: number): void {
  modelInference.observe({ model: modelId }, seconds);
}

export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  httpRequests.observe({ method, route, status: String(status) }, seconds);
}
