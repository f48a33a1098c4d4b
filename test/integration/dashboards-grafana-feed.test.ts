import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestTransactions } from '../../services/ingest/ingest-transactions.ts';
import { importReference } from '../../services/ingest/reference-data.ts';
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import {
  ALERT_ANNOTATION_TAG, ALERT_FEED_CURSOR, alertFeedTask, annotationSchema, createGrafanaClient, dashboardPushSchema, postAlertAnnotations,
  type AlertFeedOptions,
} from '../../services/supervision/index.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleReference, sampleTransaction } from '../support/fixtures.ts';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

type Behaviour = (request: Recorded, index: number) => { status: number; body: unknown } | 'hang';

/** A stand-in for Grafana: records every request and answers as the test says. */
class FakeGrafana {
  readonly requests: Recorded[] = [];
  behaviour: Behaviour = () => ({ status: 200, body: { id: 1 } });
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => { raw += chunk.toString(); });
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization,
        contentType: req.headers['content-type'], body: raw ? JSON.parse(raw) as unknown : undefined,
      };
      this.requests.push(recorded);
      const answer = this.behaviour(recorded, this.requests.length - 1);
      if (answer === 'hang') return; // never answers: the client's timeout must end the wait
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });

  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(behaviour: Behaviour = () => ({ status: 200, body: { id: 1 } })): void {
    this.requests.length = 0;
    this.behaviour = behaviour;
  }
}

const TOKEN = 'glsa_test_service_account_token';

describe('Grafana client', () => {
  const grafana = new FakeGrafana();
  beforeAll(() => grafana.start());
  afterAll(() => grafana.stop());
  afterEach(() => grafana.reset());

  const client = (extra: Partial<Parameters<typeof createGrafanaClient>[0]> = {}) =>
    createGrafanaClient({ url: `${grafana.url}/`, token: TOKEN, timeoutMs: 500, retries: 3, backoffMs: 10, ...extra });

  it('checks health with GET /api/health and the bearer token', async () => {
    grafana.reset(() => ({ status: 200, body: { commit: 'abc', database: 'ok', version: '11.3.0' } }));
    const result = await client().health();
    expect(result).toEqual({ ok: true, value: { commit: 'abc', database: 'ok', version: '11.3.0' } });
    expect(grafana.requests).toEqual([{ method: 'GET', path: '/api/health', authorization: `Bearer ${TOKEN}`, contentType: 'application/json', body: undefined }]);
  });

  it('posts an annotation to /api/annotations in the schema Grafana expects', async () => {
    grafana.reset(() => ({ status: 200, body: { message: 'Annotation added', id: 42 } }));
    const result = await client().createAnnotation({ time: 1_767_225_600_000, tags: ['cheguan-alert', 'severity:HIGH'], text: '告警 #1' });
    expect(result).toEqual({ ok: true, value: { id: 42 } });
    const [request] = grafana.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/annotations');
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(annotationSchema.strict().parse(request?.body)).toEqual({ time: 1_767_225_600_000, tags: ['cheguan-alert', 'severity:HIGH'], text: '告警 #1' });
  });

  it('pushes a generated dashboard to /api/dashboards/db with overwrite and folder', async () => {
    const dashboard = JSON.parse(fs.readFileSync(new URL('../../dashboards/json/overview.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    grafana.reset(() => ({ status: 200, body: { id: 7, uid: dashboard.uid, url: '/d/x/overview', status: 'success', version: 3 } }));
    const result = await client().pushDashboard({ dashboard, folderUid: 'cheguan', overwrite: true, message: 'npm run dashboards -- --push' });
    expect(result.ok && result.value.version).toBe(3);
    const body = dashboardPushSchema.strict().parse(grafana.requests[0]?.body);
    expect(grafana.requests[0]?.path).toBe('/api/dashboards/db');
    expect(body.folderUid).toBe('cheguan');
    expect(body.dashboard.uid).toBe(dashboard.uid);
  });

  it('retries a 5xx with backoff and succeeds when Grafana recovers', async () => {
    grafana.reset((_, i) => (i < 2 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { id: 9 } }));
    const result = await client().createAnnotation({ time: 1, tags: [], text: 'x' });
    expect(result).toEqual({ ok: true, value: { id: 9 } });
    expect(grafana.requests).toHaveLength(3);
    expect(new Set(grafana.requests.map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it('gives up after its retries on a persistent 5xx, as a value naming the attempts', async () => {
    grafana.reset(() => ({ status: 500, body: { message: 'down' } }));
    const result = await client({ retries: 2 }).createAnnotation({ time: 1, tags: [], text: 'x' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ kind: 'server', status: 500, attempts: 3 });
  });

  it('does not retry a refusal (401, 403, 400)', async () => {
    grafana.reset(() => ({ status: 401, body: { message: 'invalid API key' } }));
    const result = await client().createAnnotation({ time: 1, tags: [], text: 'x' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'refused', status: 401, attempts: 1 });
    expect(grafana.requests).toHaveLength(1);
  });

  it('times out a Grafana that never answers, and retries', async () => {
    grafana.reset(() => 'hang');
    const started = performance.now();
    const result = await client({ timeoutMs: 150, retries: 1 }).health();
    expect(!result.ok && result.error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(grafana.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports an unreachable Grafana (nothing listening) after its retries', async () => {
    const closed = new FakeGrafana();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const result = await createGrafanaClient({ url, retries: 2, backoffMs: 5 }).health();
    expect(!result.ok && result.error).toMatchObject({ kind: 'unreachable', attempts: 3 });
  });
});

let sequence = 0;
/** A transaction whose agent is blacklisted (R17 ◆): an alert that needs dual review. */
function alerting(): Record<string, unknown> {
  sequence += 1;
  return sampleTransaction({ id: `330100-2026-${String(sequence).padStart(7, '0')}` });
}

describe.each(BACKENDS)('alert feed on %s', (kind) => {
  const grafana = new FakeGrafana();
  let test: TestDatabase;
  let api: TestApi;
  const hooks = ingestHooks(createScoring());
  const ingest = async (transactions: Record<string, unknown>[]) => {
    const result = await ingestTransactions({ db: test.db, blobs: api.ctx.blobs, hooks }, transactions, { actor: 'test', source: 'file' });
    if (!result.ok) throw new Error(result.error.detail);
  };
  const feed = (extra: Partial<AlertFeedOptions> = {}) => postAlertAnnotations({
    db: test.db, client: createGrafanaClient({ url: grafana.url, token: TOKEN, timeoutMs: 300, retries: 2, backoffMs: 10 }),
    workbenchUrl: 'https://cheguan.example/', settleMs: 0, ...extra,
  });
  const cursor = async () => ((await test.db.prisma.setting.findUnique({ where: { key: ALERT_FEED_CURSOR } }))?.value as { lastAlertId: string } | undefined)?.lastAlertId;
  const feedAlerts = async () => (await test.db.prisma.alert.findMany({ orderBy: { id: 'asc' } })).filter((a) => a.severity === 'HIGH' || a.dualReview);

  beforeAll(async () => {
    await grafana.start();
    test = await openTestDatabase(kind);
    const reference = await importReference(test.db, sampleReference(), 'test');
    if (!reference.ok) throw new Error(reference.error.detail);
    api = await createTestApi(test.db, { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: TOKEN, WORKBENCH_URL: 'https://cheguan.example' });
  });
  afterAll(async () => {
    await grafana.stop();
    await api.dispose();
    await test.dispose();
  });
  afterEach(() => grafana.reset());

  it('posts one annotation per new HIGH or dual-review alert, with tags, time and a workbench link', async () => {
    // Two dual-review alerts and one transaction that only misses materials (a MEDIUM alert, not fed).
    await ingest([alerting(), alerting(), sampleTransaction({ id: 'medium-1', agent: null, appointment: null, materials: [], vehicle: { plate: '浙A3B8K1', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' } })]);
    const expected = await feedAlerts();
    expect(expected).toHaveLength(2);
    expect(await test.db.prisma.alert.count()).toBe(3);
    const run = await feed();
    expect(run).toMatchObject({ posted: 2, failure: null, cursor: expected[1]!.id.toString() });
    expect(grafana.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['POST', '/api/annotations', `Bearer ${TOKEN}`], ['POST', '/api/annotations', `Bearer ${TOKEN}`],
    ]);
    grafana.requests.forEach((request, i) => {
      const body = annotationSchema.strict().parse(request.body);
      const alert = expected[i]!;
      expect(body.time).toBe(alert.createdAt.getTime());
      expect(body.tags).toEqual(expect.arrayContaining([ALERT_ANNOTATION_TAG, `severity:${alert.severity}`, 'dual-review', 'station:330100-DMV-01', 'type:TRANSFER']));
      expect(body.text).toContain(`告警 #${alert.id}`);
      expect(body.text).toContain('转移登记');
      expect(body.text).toContain(`href="https://cheguan.example/alerts/${alert.id}"`);
    });
    expect(await cursor()).toBe(expected[1]!.id.toString());
  });

  it('never posts an alert twice', async () => {
    const run = await feed();
    expect(run.posted).toBe(0);
    expect(grafana.requests).toHaveLength(0);
  });

  it('keeps its cursor while Grafana is down and posts exactly the missed alerts when it is back', async () => {
    const before = await cursor();
    await ingest([alerting()]);
    grafana.reset(() => ({ status: 502, body: { message: 'bad gateway' } }));
    const down = await feed();
    expect(down.posted).toBe(0);
    expect(down.failure).toMatchObject({ kind: 'server', status: 502, attempts: 3 });
    expect(await cursor()).toBe(before);
    grafana.reset((_, i) => (i === 0 ? { status: 503, body: {} } : { status: 200, body: { id: 5 } }));
    const back = await feed();
    expect(back).toMatchObject({ posted: 1, failure: null });
    const newest = (await feedAlerts()).at(-1)!;
    expect(grafana.requests.map((r) => (r.body as { text: string }).text.includes(`#${newest.id} `))).toEqual([true, true]);
    expect(await cursor()).toBe(newest.id.toString());
  });

  it('does not block scoring: ingestion completes while the feed waits on a Grafana that hangs', async () => {
    await ingest([alerting()]);
    const before = await cursor();
    grafana.reset(() => 'hang');
    let feedDone = false;
    const pending = feed().then((run) => { feedDone = true; return run; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ingest([alerting(), alerting()]);
    expect(feedDone).toBe(false);
    const run = await pending;
    expect(run.failure?.kind).toBe('timeout');
    expect(await cursor()).toBe(before);
    expect(grafana.requests).toHaveLength(3);
  });

  it('as a scheduled task: configured by GRAFANA_URL, runs never overlap, and it catches up', async () => {
    const task = alertFeedTask(api.ctx)!;
    expect(task).not.toBeNull();
    grafana.reset(() => ({ status: 200, body: { id: 1 } }));
    // The three alerts left behind by the previous test; settling (60 s) is skipped by running later.
    const from = BigInt((await cursor()) ?? '0');
    const pendingAlerts = (await feedAlerts()).filter((a) => a.id > from);
    expect(pendingAlerts).toHaveLength(3);
    await test.db.sql.query("UPDATE alert SET created_at = created_at - interval '2 minutes', sla_due_at = sla_due_at - interval '2 minutes'");
    await Promise.all([task.run(), task.run()]);
    expect(grafana.requests).toHaveLength(3);
    expect(await cursor()).toBe(pendingAlerts.at(-1)!.id.toString());
    const unconfigured = await createTestApi(test.db);
    expect(alertFeedTask(unconfigured.ctx)).toBeNull();
    await unconfigured.dispose();
  });
});
