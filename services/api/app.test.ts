import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApi, signIn, type TestApi } from '../../test/support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../test/support/fixtures.ts';

/** Ingestion authenticates with an `ingest` token; reads with a signed-in ADMIN (who may unmask reference data). */
let ingest: Record<string, string> = {};
let reader: Record<string, string> = {};
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...ingest }, body: JSON.stringify(body) });

describe.each(BACKENDS)('HTTP API on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let app: TestApi['app'];
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db, { BODY_LIMIT_MB: '1' });
    app = api.app;
    ingest = await bearer(test.db, ['ingest']);
    reader = (await signIn(api, ['ADMIN'])).headers;
  });
  afterAll(async () => {
    await test.dispose();
    await api.dispose();
  });

  it('answers readiness with the backend in use', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: kind });
  });

  it('creates a transaction (201), and re-posting it is a 200 no-op', async () => {
    expect((await app.request('/api/v1/transactions', json(sampleTransaction()))).status).toBe(201);
    const again = await app.request('/api/v1/transactions', json(sampleTransaction()));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ results: [{ outcome: 'unchanged' }] });
    const view = await (await app.request('/api/v1/transactions/330100-2026-0000123', { headers: reader })).json() as { revisions: unknown[] };
    expect(view.revisions).toHaveLength(1);
  });

  it('answers a malformed transaction with 400 problem+json naming each bad field', async () => {
    const res = await app.request('/api/v1/transactions', json(sampleTransaction({ id: 'bad', channel: 'FAX', vehicle: { color: 'PINK' } })));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json() as { code: string; problems: Array<{ path: string }> };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.problems.map((p) => p.path).sort()).toEqual(['channel', 'vehicle.color']);
    expect(await test.db.prisma.transaction.count({ where: { id: 'bad' } })).toBe(0);
  });

  it('answers a lower version with 409 and a batch with mixed outcomes with 207', async () => {
    await app.request('/api/v1/transactions', json(sampleTransaction({ id: 'v', version: 3 })));
    expect((await app.request('/api/v1/transactions', json(sampleTransaction({ id: 'v', version: 2 })))).status).toBe(409);
    const res = await app.request('/api/v1/transactions', json([sampleTransaction({ id: 'ok-1' }), { id: 'broken' }]));
    expect(res.status).toBe(207);
    const body = await res.json() as { results: Array<{ outcome: string }> };
    expect(body.results.map((r) => r.outcome)).toEqual(['created', 'rejected']);
  });

  it('refuses malformed JSON, a wrong content type and an oversized body as problem+json', async () => {
    const malformed = await app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'application/json', ...ingest }, body: '{"id":' });
    expect([malformed.status, (await malformed.json() as { code: string }).code]).toEqual([400, 'MALFORMED_JSON']);
    const text = await app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'text/plain', ...ingest }, body: 'x' });
    expect(text.status).toBe(415);
    const huge = await app.request('/api/v1/transactions', json(sampleTransaction({ extra: { blob: 'x'.repeat(2 * 1024 * 1024) } })));
    expect([huge.status, (await huge.json() as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('stores uploaded bytes by sha256 and serves them back', async () => {
    const bytes = Buffer.from('inspection photo bytes');
    const res = await app.request('/api/v1/blobs', { method: 'POST', headers: { 'content-type': 'image/jpeg', ...ingest }, body: bytes });
    expect(res.status).toBe(201);
    const { sha256 } = await res.json() as { sha256: string };
    const back = await app.request(`/api/v1/blobs/${sha256}`, { headers: reader });
    expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
  });

  it('loads the reference document and returns it in the interchange shape', async () => {
    const put = await app.request('/api/v1/reference', { ...json(sampleReference()), method: 'PUT' });
    expect(await put.json()).toEqual({ stations: 1, handlers: 1, organisations: 1, listEntries: 1 });
    const doc = await (await app.request('/api/v1/reference?unmask=true', { headers: reader })).json() as { organisations: Array<{ phones: string[]; clerks: unknown[] }> };
    expect(doc.organisations[0]).toMatchObject({ phones: ['05718888888'], clerks: [{ idNumber: '330102199202020022' }] });
    const bad = await app.request('/api/v1/reference/stations/X', { ...json({ code: 'Y', name: 'n', kind: 'MOON', hours: { mon: '9-5' } }), method: 'PUT' });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { problems: Array<{ path: string }> }).problems.map((p) => p.path).sort()).toEqual(['hours.mon', 'kind']);
  });

  it('lists the 41 risk points with the weights and parameters of the live rule set', async () => {
    const body = await (await app.request('/api/v1/risk-points', { headers: reader })).json() as { ruleSetVersion: string; points: Array<{ code: string; weight: number; params: Record<string, unknown> }> };
    expect(body.points).toHaveLength(41);
    expect(body.points.map((p) => p.code)).toEqual(Array.from({ length: 41 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`));
    expect(body.points.find((p) => p.code === 'R16')).toMatchObject({ weight: 50, params: { windowDays: 30 } });
    expect(body.ruleSetVersion).toMatch(/^default-/);
  });

  it('serves the OpenAPI document and its browsable page', async () => {
    const doc = await (await app.request('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/transactions', '/api/v1/blobs', '/api/v1/reference', '/readyz']));
    const page = await app.request('/api/v1/docs');
    expect(await page.text()).toContain('/api/v1/transactions');
  });
});
