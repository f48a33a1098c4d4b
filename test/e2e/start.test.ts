import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderVinPhoto } from '../../services/photos/render/vin-photo.ts';
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
  expect([...new Set(problem.problems.map((p) => p.path))].sort()).toEqual(['acceptedAt', 'applicant.idNumber']);
  await photosAreChecked(platform.baseUrl);
  return { created: created.status, refused: malformed.status };
}

/**
 * Photos are checked by the worker role in the background: the assessment says PENDING, then
 * DONE with a finding per photo; the corrupted one is UNREADABLE and raises R28.
 */
async function photosAreChecked(baseUrl: string): Promise<void> {
  const vin = 'LSVAU218XN2183294';
  // The rubbing on a 1280×720 photo, as a camera would take it (a bare crop is below 640×480: R34).
  const rubbing = (await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#c8c2b8' } })
    .composite([{ input: await renderVinPhoto(vin, 5, 'rubbing'), top: 260, left: 240 }]).jpeg({ quality: 90 }).toBuffer()).toString('base64');
  const broken = Buffer.from('\xff\xd8\xff\xe0 not really a jpeg').toString('base64');
  const res = await post(`${baseUrl}/api/v1/transactions`, sampleTransaction({
    id: 'e2e-photos', vehicle: { plate: '浙A12345', vin, vehicleType: 'K33', color: 'WHITE' },
    photos: [{ kind: 'VIN_RUBBING', data: rubbing }, { kind: 'INSPECTOR_WITH_VEHICLE', data: broken }],
  }));
  expect(res.status).toBe(201);
  let doc: { photoChecks: string; hits: Array<{ riskPoint: string; evidence: Record<string, unknown> }>; photos: Array<{ verdict: string | null; findings: { vin?: { text: string } | null } | null }> } | undefined;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    doc = await (await fetch(`${baseUrl}/api/v1/transactions/e2e-photos/assessment`, { headers: auth })).json() as typeof doc;
    if (doc?.photoChecks === 'DONE') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(doc?.photoChecks).toBe('DONE');
  expect(doc?.photos.map((p) => p.verdict)).toEqual(['PASS', 'FAIL']);
  expect(doc?.photos[0]?.findings?.vin?.text).toBe(vin);
  expect(doc?.hits.find((h) => h.riskPoint === 'R28')?.evidence).toMatchObject({ unreadableKinds: ['INSPECTOR_WITH_VEHICLE'] });
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
  }, 240_000);

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
    expect(await countRows(scratch.url, dataDir)).toBe(2);
  }, 240_000);
});
