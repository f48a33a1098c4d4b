/**
 * Every response carries the security headers: each route the app registers (API, workbench pages,
 * assets, metrics) and each documented in the OpenAPI document, called anonymously, signed in and
 * with a token; health, docs, 404s and problem responses too. Authenticated answers are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApi, signIn, type Session, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

type Caller = 'anonymous' | 'session' | 'token';

interface Call { method: string; url: string; caller: Caller }

const SAMPLE_PARAMS: Record<string, string> = { sha256: '0'.repeat(64), name: 'app.css' };

/** `/alerts/:id` and `/alerts/{id}` with sample values. */
function fill(template: string): string {
  return template.replace(/[:{](\w+)\}?/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? '1');
}

/** Signing out would end the session the other calls use: it is called on its own at the end. */
const SIGN_OUT = new Set(['POST /api/v1/auth/logout', 'POST /logout']);

async function everyRoute(api: TestApi): Promise<Array<{ method: string; url: string }>> {
  const doc = await (await api.app.request('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url: fill(path) })));
  const registered = api.app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => ({ method: r.method, url: fill(r.path) }));
  const extra = [
    { method: 'GET', url: '/api/v1/docs' }, { method: 'GET', url: '/no-such-page' }, { method: 'GET', url: '/api/v1/no-such-endpoint' },
    { method: 'DELETE', url: '/healthz' }, { method: 'GET', url: '/assets/../../etc/passwd' }, { method: 'GET', url: '/assets/no-such.js' },
  ];
  const unique = new Map([...documented, ...registered, ...extra].map((r) => [`${r.method} ${r.url}`, r]));
  return [...unique.values()].filter((r) => !SIGN_OUT.has(`${r.method} ${r.url}`));
}

function expectSecurityHeaders(res: Response, call: Call): void {
  const where = `${call.caller} ${call.method} ${call.url} → ${res.status}`;
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, where).toMatch(/default-src 'self'/);
  expect(csp, where).toMatch(/frame-ancestors 'none'/);
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), where).toBe('DENY');
  expect(res.headers.get('referrer-policy'), where).toMatch(/^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/);
  expect(res.headers.get('x-powered-by'), where).toBeNull();
  // Static assets are the same for everyone and may say so (`public`); everything else answered to credentials is never stored.
  const cacheable = /^\/(assets\/|favicon\.ico)/.test(call.url) ? /no-store|public/ : /no-store/;
  if (call.caller !== 'anonymous') expect(res.headers.get('cache-control') ?? '', where).toMatch(cacheable);
}

describe.each(BACKENDS)('security headers on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let session: Session;
  let token: Record<string, string>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    session = await signIn(api, ['ADMIN', 'AUDITOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR', 'REVIEWER']);
    token = await bearer(test.db, ['ingest', 'read']);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });

  function send(call: Call): Promise<Response> {
    const auth = call.caller === 'session' ? session.headers : call.caller === 'token' ? token : {};
    const body = ['GET', 'HEAD', 'DELETE'].includes(call.method) ? undefined : '{}';
    return Promise.resolve(api.app.request(call.url, { method: call.method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, body }));
  }

  it('sets CSP with frame-ancestors, nosniff, Referrer-Policy and X-Frame-Options on every route for every caller', async () => {
    const routes = await everyRoute(api);
    expect(routes.length).toBeGreaterThan(60);
    const statuses = new Set<number>();
    for (const caller of ['anonymous', 'session', 'token'] as const) {
      for (const route of routes) {
        const call = { ...route, caller };
        const res = await send(call);
        statuses.add(res.status);
        expectSecurityHeaders(res, call);
        await res.arrayBuffer();
      }
    }
    // The sweep met successes, redirects, refusals and problems alike.
    for (const status of [200, 302, 400, 401, 403, 404]) expect(statuses.has(status), `status ${status} seen`).toBe(true);
  });

  it('sets them on health, docs, problem responses and sign-out too', async () => {
    const calls: Call[] = [
      { method: 'GET', url: '/healthz', caller: 'anonymous' }, { method: 'GET', url: '/readyz', caller: 'anonymous' },
      { method: 'GET', url: '/api/v1/docs', caller: 'anonymous' }, { method: 'GET', url: '/api/v1/openapi.json', caller: 'anonymous' },
      { method: 'POST', url: '/api/v1/transactions', caller: 'token' },
    ];
    for (const call of calls) expectSecurityHeaders(await send(call), call);
    const malformed = await api.app.request('/api/v1/transactions', { method: 'POST', headers: { ...token, 'content-type': 'application/json' }, body: '{' });
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    expectSecurityHeaders(malformed, { method: 'POST', url: '/api/v1/transactions (malformed)', caller: 'token' });
    const own = await signIn(api, ['REVIEWER']);
    const out = await api.app.request('/api/v1/auth/logout', { method: 'POST', headers: own.headers });
    expectSecurityHeaders(out, { method: 'POST', url: '/api/v1/auth/logout', caller: 'session' });
  });
});
