import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReference } from '../../services/ingest/reference-data.ts';
import { isPrivateAddress, monitorQueues, observeModelInference } from '../../services/supervision/index.ts';
import { bearer, createTestApi, jsonRequest, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleReference, sampleTransaction } from '../support/fixtures.ts';
import { parseExposition, sampleValue, type Family } from '../support/prometheus-text.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

async function listen(api: TestApi): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
  });
}

describe.each(BACKENDS)('/metrics on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let families: Map<string, Family>;
  let before: Map<string, Family>;
  let body: string;
  let contentType: string | null;
  // The registry is the process's: both back ends run in this file, so compare with a scrape taken first.
  const delta = (name: string, labels: Record<string, string>) => (sampleValue(families, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
  const scrape = () => api.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const reference = await importReference(test.db, sampleReference(), 'test');
    if (!reference.ok) throw new Error(reference.error.detail);
    api = await createTestApi(test.db, { METRICS_TOKEN: TOKEN });
    monitorQueues(['photo-checks', 'intermediaries-recompute']);
    before = parseExposition(await (await scrape()).text());
    // A blacklisted agent (R17 ◆): stored, scored and alerted through the real HTTP API.
    const ingest = await api.app.request('/api/v1/transactions', jsonRequest('POST', sampleTransaction(), await bearer(test.db, ['ingest'])));
    expect(ingest.status).toBe(201);
    await api.app.request('/api/v1/transactions/unknown-id', { headers: await bearer(test.db, ['read']) });
    await api.ctx.queue.add('photo-checks', 'job-1', { transactionId: 'x' });
    await api.ctx.queue.add('photo-checks', 'job-2', { transactionId: 'y' });
    observeModelInference('ppocr-v4-det', 0.042);
    observeModelInference('ppocr-v4-rec', 0.013);
    const res = await scrape();
    expect(res.status).toBe(200);
    contentType = res.headers.get('content-type');
    body = await res.text();
    families = parseExposition(body);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });

  it('answers in the Prometheus text format 0.0.4, accepted by a strict parser', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(families.size).toBeGreaterThan(10);
    for (const family of families.values()) expect(family.help, family.name).not.toBe('');
  });

  it('counts stored transactions (ingestion rate) and times scoring per batch', () => {
    expect(families.get('cheguan_transactions_ingested_total')?.type).toBe('counter');
    expect(delta('cheguan_transactions_ingested_total', { outcome: 'created' })).toBe(1);
    expect(families.get('cheguan_scoring_duration_seconds')?.type).toBe('histogram');
    expect(delta('cheguan_scoring_duration_seconds_count', { trigger: 'INGEST' })).toBe(1);
    expect(sampleValue(families, 'cheguan_scoring_duration_seconds_sum', { trigger: 'INGEST' })).toBeGreaterThan(0);
    expect(delta('cheguan_scored_transactions_total', { trigger: 'INGEST' })).toBe(1);
  });

  it('has per-model inference latency with a model label', () => {
    expect(families.get('cheguan_model_inference_duration_seconds')?.type).toBe('histogram');
    expect(delta('cheguan_model_inference_duration_seconds_count', { model: 'ppocr-v4-det' })).toBe(1);
    expect(delta('cheguan_model_inference_duration_seconds_bucket', { model: 'ppocr-v4-det', le: '0.05' })).toBe(1);
    expect(delta('cheguan_model_inference_duration_seconds_bucket', { model: 'ppocr-v4-det', le: '0.025' })).toBe(0);
  });

  it('reads queue depth per queue and state at scrape', () => {
    expect(sampleValue(families, 'cheguan_queue_jobs', { queue: 'photo-checks', state: 'waiting' })).toBe(2);
    expect(sampleValue(families, 'cheguan_queue_jobs', { queue: 'intermediaries-recompute', state: 'waiting' })).toBe(0);
    expect(sampleValue(families, 'cheguan_scrape_source_up', { source: 'queue' })).toBe(1);
  });

  it('reads open alerts by severity and SLA state from the database, every combination present', async () => {
    const open = await test.db.prisma.alert.findMany({ where: { status: { not: 'CLOSED' } } });
    expect(open.length).toBe(1);
    const series = families.get('cheguan_open_alerts')!.samples;
    expect(series).toHaveLength(9);
    expect(series.reduce((sum, s) => sum + s.value, 0)).toBe(open.length);
    expect(sampleValue(families, 'cheguan_open_alerts', { severity: open[0]!.severity, sla: 'ON_TIME' })).toBe(1);
    expect(sampleValue(families, 'cheguan_scrape_source_up', { source: 'database' })).toBe(1);
  });

  it('records HTTP latency by method, route pattern and status (never the raw path)', () => {
    expect(delta('cheguan_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/transactions', status: '201' })).toBe(1);
    expect(delta('cheguan_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/transactions/:id', status: '404' })).toBe(1);
    expect(body).not.toContain('unknown-id');
  });

  it('includes process health (memory, event loop)', () => {
    expect(sampleValue(families, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('refuses without the token (401) and with a wrong one (403), as problem+json', async () => {
    const none = await api.app.request('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    const wrong = await api.app.request('/metrics', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { code: string }).code).toBe('FORBIDDEN');
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let test: TestDatabase;
  let api: TestApi;
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    api = await createTestApi(test.db);
    ({ server, url } = await listen(api));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.dispose();
    await test.dispose();
  });

  it('answers a scraper on the loopback address over real HTTP', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(parseExposition(await res.text()).has('cheguan_open_alerts')).toBe(true);
  });

  it('refuses a caller whose address is unknown or public', async () => {
    const res = await api.app.request('/metrics');
    expect(res.status).toBe(403);
  });

  it.each([
    ['127.0.0.1', true], ['::1', true], ['10.2.3.4', true], ['172.20.0.5', true], ['192.168.1.9', true], ['::ffff:10.0.0.8', true],
    ['fd12:3456::1', true], ['8.8.8.8', false], ['172.32.0.1', false], ['::ffff:8.8.8.8', false], ['2001:db8::1', false], ['', false],
  ])('treats %s as private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
