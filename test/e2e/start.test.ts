import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../services/platform/db.ts';
import { createScratchPostgres, TEST_REDIS_URL } from '../support/databases.ts';
import { sampleTransaction } from '../support/fixtures.ts';
import { startPlatformProcess, type StartedPlatform } from '../support/process.ts';

const ADMIN = { ADMIN_USERNAME: 'e2e-admin', ADMIN_PASSWORD: 'e2e admin password 1' };
let auth: Record<string, string> = {};
const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });

/** Signs in as the first ADMIN (created from ADMIN_USERNAME / ADMIN_PASSWORD) and issues an ingest + read token. */
async function issueToken(baseUrl: string): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ADMIN.ADMIN_USERNAME, password: ADMIN.ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  const { csrfToken } = await login.json() as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${baseUrl}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'e2e', scopes: ['ingest', 'read'] }) });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${(await res.json() as { token: string }).token}` };
}

async function countRows(url: string | undefined, dataDir: string): Promise<number> {
  const db = await openDatabase({ url, embeddedDir: path.join(dataDir, 'pglite') });
  try {
    return await db.prisma.transaction.count();
  } finally {
    await db.close();
  }
}

/** The README's promise: start, readiness, a curl'd transaction stored, a malformed one refused. */
async function exerciseRunningPlatform(platform: StartedPlatform): Promise<{ created: number; refused: number }> {
  const ready = await fetch(`${platform.baseUrl}/readyz`);
  expect(ready.status).toBe(200);
  const anonymous = await fetch(`${platform.baseUrl}/api/v1/transactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleTransaction({ id: 'e2e-anon' })) });
  expect(anonymous.status).toBe(401);
  auth = await issueToken(platform.baseUrl);
  const created = await post(`${platform.baseUrl}/api/v1/transactions`, sampleTransaction({ id: 'e2e-1' }));
  const malformed = await post(`${platform.baseUrl}/api/v1/transactions`, sampleTransaction({ id: 'e2e-bad', acceptedAt: 'yesterday', applicant: { kind: 'PERSON' } }));
  expect(malformed.headers.get('content-type')).toBe('application/problem+json');
  const problem = await malformed.json() as { problems: Array<{ path: string }> };
  expect(problem.problems.map((p) => p.path).sort()).toEqual(['acceptedAt', 'applicant.idNumber']);
  return { created: created.status, refused: malformed.status };
}

describe('npm start as a real process', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => { for (const cleanup of cleanups.reverse()) await cleanup(); });

  it('serves readiness within 15 s on the embedded default, stores a transaction and refuses a malformed one', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-embedded-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const started = Date.now();
    const platform = await startPlatformProcess({ DATA_DIR: dataDir, ...ADMIN });
    cleanups.push(() => platform.stop());
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await exerciseRunningPlatform(platform)).toEqual({ created: 201, refused: 400 });
    expect(await platform.stop()).toBe(0);
    const rows = await countRows(undefined, dataDir);
    expect(rows).toBeGreaterThanOrEqual(1);
    // Restart on the same folder: data survives, migrations are not re-applied, no second demo world.
    const again = await startPlatformProcess({ DATA_DIR: dataDir, ...ADMIN });
    cleanups.push(() => again.stop());
    expect((await fetch(`${again.baseUrl}/api/v1/transactions/e2e-1`, { headers: auth })).status).toBe(200);
    expect(await again.stop()).toBe(0);
    expect(await countRows(undefined, dataDir)).toBe(rows);
  });

  it('does the same on PostgreSQL and Redis, with no demo world unless asked', async () => {
    const scratch = await createScratchPostgres('e2e');
    cleanups.push(() => scratch.drop());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-pg-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const platform = await startPlatformProcess({ DATA_DIR: dataDir, DATABASE_URL: scratch.url, REDIS_URL: TEST_REDIS_URL, ...ADMIN });
    cleanups.push(() => platform.stop());
    const ready = await (await fetch(`${platform.baseUrl}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', database: 'postgres', queue: 'bullmq' });
    expect(await exerciseRunningPlatform(platform)).toEqual({ created: 201, refused: 400 });
    expect(await platform.stop()).toBe(0);
    expect(await countRows(scratch.url, dataDir)).toBe(1);
  });
});
