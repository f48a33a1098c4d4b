import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../services/auth/roles.ts';
import { bearer, createTestApi, signIn, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

const ROLES: UserRole[] = ['REVIEWER', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR', 'ADMIN', 'AUDITOR'];
const CALLERS = ['anonymous', ...ROLES, 'token:ingest', 'token:read'] as const;
type Caller = (typeof CALLERS)[number];

// Who passes the HTTP edge. Y = allowed (any answer but 401/403), . = refused (401 anonymous, 403 otherwise).
// Columns:                                    anon REV SUP SEN INV ADM AUD ing rd
const MATRIX: ReadonlyArray<[method: string, template: string, url: string, allowed: string]> = [
  ['GET', '/healthz', '/healthz', '                                   Y   Y   Y   Y   Y   Y   Y   Y   Y'],
  ['GET', '/readyz', '/readyz', '                                     Y   Y   Y   Y   Y   Y   Y   Y   Y'],
  ['GET', '/api/v1/openapi.json', '/api/v1/openapi.json', '           Y   Y   Y   Y   Y   Y   Y   Y   Y'],
  ['GET', '/api/v1/docs', '/api/v1/docs', '                           Y   Y   Y   Y   Y   Y   Y   Y   Y'],
  ['GET', '/api/v1/auth/me', '/api/v1/auth/me', '                     .   Y   Y   Y   Y   Y   Y   Y   Y'],
  ['POST', '/api/v1/transactions', '/api/v1/transactions', '           .   .   .   .   .   Y   .   Y   .'],
  ['GET', '/api/v1/transactions/{id}', '/api/v1/transactions/x', '     .   Y   Y   Y   Y   Y   Y   .   Y'],
  ['POST', '/api/v1/blobs', '/api/v1/blobs', '                         .   .   .   .   .   Y   .   Y   .'],
  ['GET', '/api/v1/blobs/{sha256}', `/api/v1/blobs/${'0'.repeat(64)}`, '.   Y   Y   Y   Y   Y   Y   .   Y'],
  ['PUT', '/api/v1/reference', '/api/v1/reference', '                  .   .   .   .   .   Y   .   Y   .'],
  ['GET', '/api/v1/reference', '/api/v1/reference', '                  .   Y   Y   Y   Y   Y   Y   .   Y'],
  ['PUT', '/api/v1/reference/stations/{key}', '/api/v1/reference/stations/X', '. . . . . Y . Y .'],
  ['GET', '/api/v1/risk-points', '/api/v1/risk-points', '              .   Y   Y   Y   Y   Y   Y   .   Y'],
  ['GET', '/api/v1/users', '/api/v1/users', '                          .   .   .   .   .   Y   .   .   .'],
  ['POST', '/api/v1/users', '/api/v1/users', '                         .   .   .   .   .   Y   .   .   .'],
  ['PATCH', '/api/v1/users/{id}', '/api/v1/users/999999', '            .   .   .   .   .   Y   .   .   .'],
  ['POST', '/api/v1/tokens', '/api/v1/tokens', '                       .   .   .   .   .   Y   .   .   .'],
  ['DELETE', '/api/v1/tokens/{id}', '/api/v1/tokens/999999', '         .   .   .   .   .   Y   .   .   .'],
  ['GET', '/api/v1/alerts', '/api/v1/alerts', '                        .   .   Y   Y   Y   .   .   .   .'],
  ['GET', '/api/v1/alerts/{id}', '/api/v1/alerts/999999', '           .   .   Y   Y   Y   .   .   .   .'],
  ['POST', '/api/v1/alerts/{id}/assign', '/api/v1/alerts/999999/assign', '. . Y Y . . . . .'],
  ['POST', '/api/v1/alerts/{id}/decide', '/api/v1/alerts/999999/decide', '. . Y Y . . . . .'],
  ['POST', '/api/v1/alerts/{id}/settle', '/api/v1/alerts/999999/settle', '. . Y Y . . . . .'],
  ['GET', '/api/v1/rule-sets', '/api/v1/rule-sets', '                  .   .   .   .   .   Y   .   .   .'],
  ['POST', '/api/v1/rule-sets', '/api/v1/rule-sets', '                 .   .   .   .   .   Y   .   .   .'],
  ['GET', '/api/v1/rule-sets/{version}', '/api/v1/rule-sets/nope', '     .   .   .   .   .   Y   .   .   .'],
  ['PATCH', '/api/v1/rule-sets/{version}', '/api/v1/rule-sets/nope', '   .   .   .   .   .   Y   .   .   .'],
  ['POST', '/api/v1/rule-sets/{version}/submit', '/api/v1/rule-sets/nope/submit', '. . . . . Y . . .'],
  ['POST', '/api/v1/rule-sets/{version}/approve', '/api/v1/rule-sets/nope/approve', '. . . . . Y . . .'],
  ['POST', '/api/v1/rule-sets/{version}/reject', '/api/v1/rule-sets/nope/reject', '. . . . . Y . . .'],
  ['GET', '/api/v1/rule-sets/{version}/diff', '/api/v1/rule-sets/nope/diff', '. . . . . Y . . .'],
  ['POST', '/api/v1/rule-sets/{version}/backtest', '/api/v1/rule-sets/nope/backtest', '. . . . . Y . . .'],
  ['GET', '/api/v1/audit', '/api/v1/audit', '                          .   .   .   .   .   .   Y   .   .'],
  ['GET', '/api/v1/audit/verify', '/api/v1/audit/verify', '            .   .   .   .   .   .   Y   .   .'],
  ['GET', '/api/v1/photo-reviews', '/api/v1/photo-reviews', '          .   Y   .   .   .   .   .   .   .'],
  ['GET', '/api/v1/photo-reviews/stats', '/api/v1/photo-reviews/stats', '. Y   Y   Y   .   Y   Y   .   .'],
  ['GET', '/api/v1/transactions/{id}/photos', '/api/v1/transactions/x/photos', '. Y Y Y Y . . . .'],
  ['POST', '/api/v1/photos/{id}/review', '/api/v1/photos/999999/review', '. Y . . . . . . .'],
  ['POST', '/api/v1/spot-checks', '/api/v1/spot-checks', '              .   .   Y   Y   .   .   .   .   .'],
  ['GET', '/api/v1/spot-checks', '/api/v1/spot-checks', '               .   .   Y   Y   .   Y   Y   .   .'],
  ['GET', '/api/v1/spot-checks/{id}', '/api/v1/spot-checks/999999', '     .   .   Y   Y   .   Y   Y   .   .'],
  ['GET', '/api/v1/spot-checks/{id}/verify', '/api/v1/spot-checks/999999/verify', '. . Y Y . Y Y . .'],
  ['POST', '/api/v1/spot-check-items/{id}/decide', '/api/v1/spot-check-items/999999/decide', '. . Y Y . . . . .'],
  ['GET', '/api/v1/photo-verdict-policy', '/api/v1/photo-verdict-policy', '. Y Y Y . Y Y . .'],
  ['PUT', '/api/v1/photo-verdict-policy', '/api/v1/photo-verdict-policy', '. . . . . Y . . .'],
  ['GET', '/api/v1/transactions/{id}/assessment', '/api/v1/transactions/x/assessment', '. Y Y Y Y Y Y . Y'],
  ['GET', '/api/v1/investigation/search', '/api/v1/investigation/search?q=13900000000', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/persons/{ref}', '/api/v1/investigation/persons/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/suspects', '/api/v1/investigation/suspects', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/suspects.csv', '/api/v1/investigation/suspects.csv', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/rings', '/api/v1/investigation/rings', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/rings/{ringId}', '/api/v1/investigation/rings/RING-NOPE', '. . . . Y . . . .'],
  ['GET', '/api/v1/investigation/colluding-handlers', '/api/v1/investigation/colluding-handlers', '. . Y Y Y . . . .'],
  ['POST', '/api/v1/investigation/links/{id}/decide', '/api/v1/investigation/links/999999/decide', '. . . . Y . . . .'],
  ['POST', '/api/v1/investigation/recompute', '/api/v1/investigation/recompute', '. . . . Y Y . . .'],
  ['GET', '/api/v1/investigation/runs', '/api/v1/investigation/runs', '. . . . Y Y . . .'],
  // Last: it ends the sessions the rows above use.
  ['POST', '/api/v1/auth/logout', '/api/v1/auth/logout', '             .   Y   Y   Y   Y   Y   Y   .   .'],
];

function allowedFor(row: (typeof MATRIX)[number]): Map<Caller, boolean> {
  const marks = row[3].trim().split(/\s+/);
  if (marks.length !== CALLERS.length) throw new Error(`matrix row ${row[0]} ${row[1]} has ${marks.length} marks`);
  return new Map(CALLERS.map((c, i) => [c, marks[i] === 'Y']));
}

describe.each(BACKENDS)('permission matrix on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  const headers = new Map<Caller, Record<string, string>>();
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    headers.set('anonymous', {});
    for (const role of ROLES) headers.set(role, (await signIn(api, [role])).headers);
    headers.set('token:ingest', await bearer(test.db, ['ingest']));
    headers.set('token:read', await bearer(test.db, ['read']));
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });

  it('covers every endpoint of the OpenAPI document', async () => {
    const doc = await (await api.app.request('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const inMatrix = new Set(MATRIX.map(([m, t]) => `${m} ${t}`));
    // Sign-in is public by nature (its own 401 means wrong credentials): tested in services/auth/auth.test.ts.
    const missing = documented.filter((d) => !inMatrix.has(d) && !/reference\/(handlers|organisations)/.test(d) && d !== 'POST /api/v1/auth/login');
    expect(missing).toEqual([]);
  });

  it.each(MATRIX)('%s %s', async (...row) => {
    const [method, , url] = row;
    const allowed = allowedFor(row);
    const seen: string[] = [];
    for (const caller of CALLERS) {
      const init: RequestInit = { method, headers: { ...headers.get(caller)!, 'content-type': url.includes('/blobs') ? 'image/jpeg' : 'application/json' } };
      if (!['GET', 'DELETE'].includes(method)) init.body = url.endsWith('/blobs') ? 'bytes' : '{}';
      const status = (await api.app.request(url, init)).status;
      const refused = caller === 'anonymous' ? status === 401 : status === 403;
      const passed = status !== 401 && status !== 403;
      seen.push(`${caller}:${status}`);
      expect(allowed.get(caller) ? passed : refused, `${caller} → ${status} (${seen.join(' ')})`).toBe(true);
    }
  });
});
