/**
 * Hostile input through the HTTP API: a sample of generated malformed transactions, oversized
 * bodies and batches, SQL and markup in stored text and in every documented query or path
 * parameter — refused as problem+json naming the field, or stored verbatim and returned inert.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH } from '../../services/ingest/ingest-transactions.ts';
import { bearer, createTestApi, jsonRequest, signIn, type Session, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { covers, malformedTransaction } from './support/mutations.ts';
import { changedTables, rowCounter, type RowCounts } from './support/row-counts.ts';
import { baseTransaction, HOSTILE_TEXT } from './support/transactions.ts';

const PROBLEM = 'application/problem+json';

interface Problem {
  code: string;
  status: number;
  problems?: Array<{ path: string; message: string }>;
}

function serialisable(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

/** A query or path parameter value: the fixed payloads, arbitrary Unicode, and U+0000. */
const hostileParam = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT, '%', '%00', "'", '\\', '../../etc/passwd', '9'.repeat(40), '-1', '1e309'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
);

interface Target { method: 'GET'; template: string; param: string; where: 'query' | 'path' }

/** Every documented GET parameter of the OpenAPI document. */
async function documentedParameters(api: TestApi): Promise<Target[]> {
  const doc = await (await api.app.request('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
  };
  return Object.entries(doc.paths).flatMap(([template, ops]) => (ops.get?.parameters ?? [])
    .filter((p) => p.in === 'query' || p.in === 'path')
    .map((p) => ({ method: 'GET' as const, template, param: p.name, where: p.in as 'query' | 'path' })));
}

function urlFor(target: Target, value: string): string {
  const filled = target.template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(name === target.param ? value : '1'));
  return target.where === 'query' ? `${filled}?${target.param}=${encodeURIComponent(value)}` : filled;
}

describe.each(BACKENDS)('hostile input over HTTP on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let small: TestApi;
  let ingest: Record<string, string>;
  let everyone: Session;
  let count: () => Promise<RowCounts>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    small = await createTestApi(test.db, { BODY_LIMIT_MB: '1' });
    ingest = await bearer(test.db, ['ingest']);
    everyone = await signIn(api, ['ADMIN', 'AUDITOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR', 'REVIEWER']);
    count = await rowCounter(test.db);
  });
  afterAll(async () => {
    await api.dispose();
    await small.dispose();
    await test.dispose();
  });

  it('refuses a sample of generated malformed transactions as problem+json naming each field, storing nothing', async () => {
    const before = await count();
    await fc.assert(fc.asyncProperty(fc.array(malformedTransaction, { minLength: 1, maxLength: 3 }), async (batch) => {
      const body = serialisable(batch.map((m) => m.document));
      fc.pre(body !== null);
      const res = await api.app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'application/json', ...ingest }, body: body! });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      const problem = await res.json() as Problem;
      expect(problem.code).toBe('VALIDATION_FAILED');
      batch.forEach((m, i) => {
        const mine = (problem.problems ?? []).map((p) => p.path).filter((p) => p.startsWith(`[${i}].`)).map((p) => p.slice(`[${i}].`.length));
        expect(mine.some((p) => covers(m.path, p)), `${m.label}: ${JSON.stringify(mine)}`).toBe(true);
      });
    }), { numRuns: 120 });
    expect(changedTables(before, await count())).toEqual({});
  });

  it('refuses an oversized body (declared or streamed) with 413 and an oversized batch with 413, storing nothing', async () => {
    const before = await count();
    const big = JSON.stringify([{ ...baseTransaction('too-big'), extra: { filler: 'x'.repeat(1_200_000) } }]);
    const declared = await small.app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'application/json', ...ingest }, body: big });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 100_000, (i + 1) * 100_000)));
        controller.enqueue(new TextEncoder().encode(big.slice(1_200_000)));
        controller.close();
      },
    });
    const streamed = await small.app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'application/json', ...ingest }, body: stream, duplex: 'half' } as RequestInit);
    const batch = await api.app.request('/api/v1/transactions', jsonRequest('POST', Array.from({ length: MAX_BATCH + 1 }, () => ({})), ingest));
    for (const [res, code] of [[declared, 'PAYLOAD_TOO_LARGE'], [streamed, 'PAYLOAD_TOO_LARGE'], [batch, 'BATCH_TOO_LARGE']] as const) {
      expect(res.status, code).toBe(413);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect((await res.json() as Problem).code).toBe(code);
    }
    expect(changedTables(before, await count())).toEqual({});
  });

  it('answers malformed JSON, a wrong content type and absurdly nested JSON with 400 / 415 problem+json', async () => {
    const post = (body: string, type = 'application/json') => api.app.request('/api/v1/transactions', { method: 'POST', headers: { 'content-type': type, ...ingest }, body });
    const cases: Array<[Response, number, string]> = [
      [await post('{"id": "x",'), 400, 'MALFORMED_JSON'],
      [await post('[' .repeat(100_000)), 400, 'MALFORMED_JSON'],
      [await post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 400, 'VALIDATION_FAILED'],
      [await post(`{"extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`), 400, 'VALIDATION_FAILED'],
      [await post(JSON.stringify(baseTransaction('x')), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status, code).toBe(status);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect((await res.json() as Problem).code).toBe(code);
    }
  });

  it('stores SQL and markup in names and addresses verbatim and returns them as inert JSON', async () => {
    for (const [i, text] of HOSTILE_TEXT.entries()) {
      const id = `hostile-${kind}-${i}`;
      const applicant = { kind: 'PERSON', idNumber: '330102199001011234', name: text.slice(0, 100), phone: text.slice(0, 32), address: text, identityCheck: 'PASSED' };
      const created = await api.app.request('/api/v1/transactions', jsonRequest('POST', { ...baseTransaction(id), applicant, extra: { [text]: text } }, ingest));
      expect(created.status, text).toBe(201);
      const res = await api.app.request(`/api/v1/transactions/${encodeURIComponent(id)}?unmask=true`, { headers: everyone.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const { transaction } = await res.json() as { transaction: { applicant: Record<string, unknown>; extra: Record<string, unknown> } };
      expect(transaction.applicant).toMatchObject({ name: applicant.name, phone: applicant.phone, address: applicant.address });
      expect(transaction.extra).toEqual({ [text]: text });
    }
    // The statements in the payloads never ran: the tables are all there and hold what was sent.
    expect(await test.db.prisma.transaction.count({ where: { id: { startsWith: `hostile-${kind}-` } } })).toBe(HOSTILE_TEXT.length);
    expect(await test.db.prisma.auditEntry.count()).toBeGreaterThan(0);
  });

  it('answers every documented GET parameter filled with hostile text without a server error', async () => {
    const targets = await documentedParameters(api);
    expect(targets.length).toBeGreaterThan(10);
    const before = await count();
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), hostileParam, async (target, value) => {
      const res = await api.app.request(urlFor(target, value), { headers: everyone.headers });
      const context = `${target.template} ${target.param}=${JSON.stringify(value)} → ${res.status}`;
      expect(res.status, context).toBeLessThan(500);
      // Data, never a document a browser would render or run (CSV exports are attachments).
      const type = res.headers.get('content-type') ?? '';
      expect(type, context).toMatch(/^(application\/(problem\+)?json|text\/csv)/);
      expect(res.headers.get('x-content-type-options'), context).toBe('nosniff');
      if (type.includes('json')) await res.json();
      else expect(res.headers.get('content-disposition'), context).toMatch(/^attachment/);
    }), { numRuns: 400 });
    // Reads may audit an unmasking, touch the session, create the investigation's reference secret on
    // first use, and key the names and addresses stored since the last search (the investigator
    // search's derived look-up tables, filled by searches); nothing else may change.
    const changed = changedTables(before, await count());
    for (const table of ['audit_entry', 'user_session', 'setting', 'person_name_key', 'address_key', 'search_key_state']) delete changed[table];
    expect(changed).toEqual({});
  });
});
