/**
 * One step of bench:load: POST /api/v1/transactions at a fixed rate for a bounded time with
 * autocannon, while measuring what each process spends (API server, database backends, this
 * load generator) and how long /healthz waits (event-loop delay as the server's clients see it).
 */
import autocannon from 'autocannon';
import { cpuMeter } from './process-usage.ts';

export interface StepInput {
  readonly baseUrl: string;
  readonly auth: Record<string, string>;
  readonly rate: number;
  readonly seconds: number;
  /** The next request body (a fresh transaction every call). */
  readonly nextBody: () => string;
  readonly serverPid: number;
  /** Database backend processes (PostgreSQL); none for the embedded database, which runs inside the server. */
  readonly databasePids: () => Promise<number[]>;
}

export interface StepResult {
  readonly rate: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly failures: number;
  readonly serverCpu: number;
  readonly databaseCpu: number;
  readonly clientCpu: number;
  readonly healthP99: number;
  readonly eventLoopP99: number | null;
}

/** p99 of /healthz latencies probed every 100 ms on a connection of its own. */
function healthProbe(baseUrl: string): { stop(): number } {
  const latencies: number[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  void loop();
  return {
    stop: () => {
      running = false;
      const sorted = [...latencies].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
    },
  };
}

/** The server's own event-loop delay p99 from /metrics (prom-client default metrics), when exposed. */
async function eventLoopP99(baseUrl: string): Promise<number | null> {
  try {
    const res = await fetch(`${baseUrl}/metrics`);
    if (res.status !== 200) return null;
    const line = (await res.text()).split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_p99_seconds'));
    return line ? Number(line.split(' ').at(-1)) * 1000 : null;
  } catch {
    return null;
  }
}

/** At most this many single-connection lanes: enough to spread arrivals, few enough for loopback on 2 cores. */
const MAX_LANES = 32;

interface Offered { readonly latencies: number[]; readonly failures: number }

/**
 * The rate as staggered single-connection autocannon instances ("lanes"), each starting 1/lanes of
 * a second after the previous: autocannon spends a connection's per-second quota at the top of
 * each second, so one instance with many connections would send one synchronised burst per second.
 */
async function offerLoad(input: StepInput): Promise<Offered> {
  const lanes = Math.min(input.rate, MAX_LANES);
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
    await new Promise((resolve) => setTimeout(resolve, (lane * 1000) / lanes));
    const instance = autocannon({
      url: input.baseUrl,
      connections: 1,
      connectionRate: Math.floor(input.rate / lanes) + (lane < input.rate % lanes ? 1 : 0),
      duration: input.seconds,
      timeout: 10,
      requests: [{
        method: 'POST', path: '/api/v1/transactions',
        headers: { 'content-type': 'application/json', ...input.auth },
        setupRequest: (request) => ({ ...request, body: input.nextBody() }),
      }],
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status > 299) failures++;
    });
    const result = await instance;
    failures += result.errors + result.timeouts;
  }));
  return { latencies, failures };
}

const percentileOf = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? Number.NaN;

export async function runStep(input: StepInput): Promise<StepResult> {
  await eventLoopP99(input.baseUrl); // resets the server's lag histogram for this step
  const server = cpuMeter(() => [input.serverPid]);
  const database = cpuMeter(input.databasePids);
  const clientBefore = process.cpuUsage();
  const clientStarted = performance.now();
  const health = healthProbe(input.baseUrl);
  const offered = await offerLoad(input);
  const healthP99 = health.stop();
  const client = process.cpuUsage(clientBefore);
  const clientCpu = (client.user + client.system) / 1000 / (performance.now() - clientStarted);
  const sorted = [...offered.latencies].sort((a, b) => a - b);
  return {
    rate: input.rate,
    achieved: sorted.length / input.seconds,
    p50: percentileOf(sorted, 0.5),
    p99: percentileOf(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    failures: offered.failures,
    serverCpu: await server.stop(),
    databaseCpu: await database.stop(),
    clientCpu,
    healthP99,
    eventLoopP99: await eventLoopP99(input.baseUrl),
  };
}

/** Held: every request answered 2xx, p99 under the bar, and the offered rate actually reached. */
export function sustained(step: StepResult, p99BarMs: number): boolean {
  return step.failures === 0 && step.p99 < p99BarMs && step.achieved >= step.rate * 0.95;
}

/** What ran out first in a step that did not hold, judged from the measures (1.0 = one core). */
export function saturation(step: StepResult, cores: number, embedded: boolean, p99BarMs: number): string {
  const server = embedded ? 'API process CPU (one Node.js thread, PGlite runs inside it)' : 'API process CPU (one Node.js thread)';
  const candidates: Array<[string, number]> = [
    [server, step.serverCpu],
    ['PostgreSQL backends CPU', embedded ? 0 : step.databaseCpu / Math.max(1, cores - 1)],
    ['the load generator CPU (figures unreliable)', step.clientCpu],
    [`the machine's ${cores} cores`, (step.serverCpu + step.databaseCpu + step.clientCpu) / cores],
    [`the API event loop (blocked up to ${Math.round(step.eventLoopP99 ?? 0)} ms at p99)`, (step.eventLoopP99 ?? 0) / (p99BarMs / 2)],
  ];
  const [name, load] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  const cpu = `API ${Math.round(step.serverCpu * 100)} %, DB ${Math.round(step.databaseCpu * 100)} %`;
  if (load >= 0.8) return `${name} (${Math.round(load * 100)} % of capacity; ${cpu})`;
  if (step.achieved < step.rate * 0.95) {
    return `throughput capped at ${Math.round(step.achieved)}/s with no resource full (${cpu}): requests wait their turn for the ingest lock — `
      + `ingestion is serialised by design, ~${Math.round(1000 / step.achieved)} ms per transaction including its database round trips`;
  }
  if (step.p50 >= p99BarMs / 2) return `no resource was full (${cpu}): one transaction's own work takes ${Math.round(step.p50)} ms (p50), so latency, not throughput, is the limit`;
  return `no resource was full (${cpu}): arrivals that meet queue behind each other for the ingest lock (serialised ingestion), which the p99 shows`;
}
