/**
 * PostgreSQL connection loss through a proxy the test controls: while the link is down (refused,
 * or silently black-holed like a network partition) the API answers 503 problem+json
 * DATABASE_UNAVAILABLE and /readyz 503, quickly; nothing is half-stored; once the link is back
 * the platform recovers by itself, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedPlatform } from '../support/process.ts';
import { sampleTransaction } from '../support/fixtures.ts';
import { createSite, issueToken, postJson, start, type PlatformSite } from './support/platform.ts';
import { startTcpProxy, type CutMode, type TcpProxy } from './support/tcp-proxy.ts';
import { until } from './support/wait.ts';

/** Shorter than the default (30 s) so the partition case does not take minutes; the behaviour is the same. */
const QUERY_TIMEOUT_MS = 5_000;
/** Longest a request may take to say the database is unavailable: the query timeout, and the pool's 5 s wait for a link. */
const ANSWER_WITHIN_MS = QUERY_TIMEOUT_MS + 10_000;

interface Answer { status: number; type: string | null; code: string | undefined; ms: number }

async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const type = res.headers.get('content-type');
  const body = type?.includes('json') ? await res.json() as { code?: string } : (await res.text(), {});
  return { status: res.status, type, code: body.code, ms: Date.now() - started };
}

describe('PostgreSQL connection loss', () => {
  let site: PlatformSite;
  let proxy: TcpProxy;
  let platform: StartedPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    site = await createSite('postgres', { redis: false });
    const direct = new URL(site.databaseUrl!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.port = String(proxy.port);
    platform = await start(site, { DATABASE_URL: proxied.toString(), DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) });
    auth = await issueToken(platform.baseUrl);
  });
  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
    await site?.dispose();
  });

  it.each<CutMode>(['refuse', 'blackhole'])('answers 503 problem+json while the link is cut (%s) and recovers by itself', async (mode) => {
    const base = platform.baseUrl;
    const stored = `pg-loss-${mode}-stored`;
    const lost = `pg-loss-${mode}-lost`;
    expect((await postJson(`${base}/api/v1/transactions`, sampleTransaction({ id: stored }), auth)).status).toBe(201);

    await proxy.cut(mode);
    const answers = {
      readyz: await ask(`${base}/readyz`),
      read: await ask(`${base}/api/v1/transactions/${stored}`, { headers: auth }),
      ingest: await ask(`${base}/api/v1/transactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(sampleTransaction({ id: lost })) }),
    };
    const liveness = await ask(`${base}/healthz`);
    console.info(`[postgres ${mode}] ${Object.entries(answers).map(([k, a]) => `${k} ${a.status} ${a.code} in ${a.ms} ms`).join('; ')}`);
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer, name).toMatchObject({ status: 503, type: 'application/problem+json', code: 'DATABASE_UNAVAILABLE' });
      expect(answer.ms, `${name} answered quickly`).toBeLessThan(ANSWER_WITHIN_MS);
    }
    expect(liveness.status, 'the process itself is alive').toBe(200);

    await proxy.restore();
    const restored = Date.now();
    await until('ready again without a restart', async () => (await fetch(`${base}/readyz`)).status === 200, 60_000, 250);
    console.info(`[postgres ${mode}] ready again ${Date.now() - restored} ms after the link came back`);
    expect((await ask(`${base}/api/v1/transactions/${stored}`, { headers: auth })).status).toBe(200);
    expect((await ask(`${base}/api/v1/transactions/${lost}`, { headers: auth })).status, 'nothing of the refused request was stored').toBe(404);
    expect((await postJson(`${base}/api/v1/transactions`, sampleTransaction({ id: lost }), auth)).status).toBe(201);
    expect(platform.child.exitCode, 'the same process throughout').toBeNull();
  });
});
