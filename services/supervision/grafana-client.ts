/**
 * A small typed client for the three Grafana HTTP API calls the platform makes: annotations
 * (the alert feed), dashboard upload, and health. Bearer token (a Grafana service account);
 * each attempt has a timeout; network errors, timeouts, 429 and 5xx are retried with exponential
 * backoff; anything else is answered at once. Failures are values, never exceptions, so a caller
 * on a schedule can keep its place and try again later.
 */
import { z } from 'zod';

export interface GrafanaClientOptions {
  /** Grafana's base URL, e.g. http://grafana:3000 (a sub-path such as /grafana is kept). */
  readonly url: string;
  readonly token?: string | undefined;
  /** Per attempt. */
  readonly timeoutMs?: number;
  /** Attempts after the first, on retryable failures. */
  readonly retries?: number;
  /** First backoff; it doubles on each retry, capped at 10 s. */
  readonly backoffMs?: number;
}

export type GrafanaFailureKind = 'unreachable' | 'timeout' | 'server' | 'refused' | 'invalid-response';

export interface GrafanaFailure {
  readonly kind: GrafanaFailureKind;
  readonly status: number | null;
  readonly message: string;
  readonly attempts: number;
}

export type GrafanaResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GrafanaFailure };

export const annotationSchema = z.object({
  dashboardUID: z.string().min(1).optional(),
  panelId: z.number().int().optional(),
  /** Epoch milliseconds. */
  time: z.number().int().nonnegative(),
  timeEnd: z.number().int().nonnegative().optional(),
  tags: z.array(z.string().min(1)),
  text: z.string().min(1),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const dashboardPushSchema = z.object({
  dashboard: z.record(z.string(), z.unknown()).refine((d) => typeof d.uid === 'string' && typeof d.title === 'string', 'dashboard needs uid and title'),
  folderUid: z.string().optional(),
  overwrite: z.boolean(),
  message: z.string().optional(),
});
export type DashboardPush = z.infer<typeof dashboardPushSchema>;

const annotationAnswer = z.object({ id: z.number() });
const dashboardAnswer = z.object({ uid: z.string(), url: z.string(), version: z.number(), status: z.string().optional() });
const healthAnswer = z.object({ database: z.string(), version: z.string().optional(), commit: z.string().optional() });

export interface GrafanaClient {
  createAnnotation(annotation: Annotation): Promise<GrafanaResult<{ id: number }>>;
  pushDashboard(push: DashboardPush): Promise<GrafanaResult<z.infer<typeof dashboardAnswer>>>;
  health(): Promise<GrafanaResult<z.infer<typeof healthAnswer>>>;
}

type Attempt = { readonly done: true; readonly result: GrafanaResult<unknown> } | { readonly done: false; readonly error: GrafanaFailure };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function failure(kind: GrafanaFailureKind, message: string, status: number | null = null): GrafanaFailure {
  return { kind, status, message, attempts: 0 };
}

async function attemptOnce(url: string, init: RequestInit, timeoutMs: number): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    return { done: false, error: failure(timedOut ? 'timeout' : 'unreachable', timedOut ? `no answer in ${timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message)) };
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500 || response.status === 429) return { done: false, error: failure('server', `HTTP ${response.status}: ${text.slice(0, 200)}`, response.status) };
  if (!response.ok) return { done: true, result: { ok: false, error: failure('refused', `HTTP ${response.status}: ${text.slice(0, 200)}`, response.status) } };
  try {
    return { done: true, result: { ok: true, value: JSON.parse(text) as unknown } };
  } catch {
    return { done: true, result: { ok: false, error: failure('invalid-response', `not JSON: ${text.slice(0, 100)}`, response.status) } };
  }
}

export function createGrafanaClient(options: GrafanaClientOptions): GrafanaClient {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, answer: z.ZodType<T>): Promise<GrafanaResult<T>> {
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
    let last: GrafanaFailure = failure('unreachable', 'not attempted');
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (attempt > 1) await sleep(Math.min(10_000, backoffMs * 2 ** (attempt - 2)));
      const outcome = await attemptOnce(`${base}${path}`, init, timeoutMs);
      if (outcome.done) {
        if (!outcome.result.ok) return { ok: false, error: { ...outcome.result.error, attempts: attempt } };
        const parsed = answer.safeParse(outcome.result.value);
        if (parsed.success) return { ok: true, value: parsed.data };
        return { ok: false, error: { ...failure('invalid-response', `unexpected answer: ${parsed.error.issues[0]?.message ?? ''}`), attempts: attempt } };
      }
      last = { ...outcome.error, attempts: attempt };
    }
    return { ok: false, error: last };
  }

  return {
    createAnnotation: (annotation) => call('POST', '/api/annotations', annotationSchema.parse(annotation), annotationAnswer),
    pushDashboard: (push) => call('POST', '/api/dashboards/db', dashboardPushSchema.parse(push), dashboardAnswer),
    health: () => call('GET', '/api/health', undefined, healthAnswer),
  };
}
