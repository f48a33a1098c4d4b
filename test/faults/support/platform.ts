/**
 * The platform as a real process for fault tests: started on its own data folder (and, for the
 * PostgreSQL back end, its own scratch database and private Redis), signed into, killed, restarted,
 * and inspected through its database once it is down.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain } from '../../../services/audit/verify.ts';
import { openDatabase, type Database } from '../../../services/platform/db.ts';
import { createScratchPostgres } from '../../support/databases.ts';
import { startPlatformProcess, type StartedPlatform } from '../../support/process.ts';
import { startPrivateRedis, type PrivateRedis } from './redis-server.ts';

export const ADMIN = { ADMIN_USERNAME: 'fault-admin', ADMIN_PASSWORD: 'fault admin password 1' };

export type Backend = 'embedded' | 'postgres';

/** Where one test's platform keeps its state, reused across restarts. */
export interface PlatformSite {
  readonly backend: Backend;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly redis: PrivateRedis | null;
  /** BullMQ key prefix, the same for every start on this site: a restarted worker must see the jobs of the one killed. */
  readonly queuePrefix: string;
  /** The environment of every start on this site (callers add their own on top). */
  env(extra?: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

export async function createSite(backend: Backend, options: { redis?: boolean } = {}): Promise<PlatformSite> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `fault-${backend}-`));
  const scratch = backend === 'postgres' ? await createScratchPostgres('fault') : null;
  const redis = backend === 'postgres' && options.redis !== false ? await startPrivateRedis({ dir: path.join(dataDir, 'redis') }) : null;
  const queuePrefix = `fault${Math.random().toString(36).slice(2, 10)}`;
  const base: Record<string, string> = {
    DATA_DIR: dataDir, DEMO_WORLD: 'never', LOG_LEVEL: 'info', QUEUE_PREFIX: queuePrefix, ...ADMIN,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  return {
    backend, dataDir, databaseUrl: scratch?.url, redis, queuePrefix,
    env: (extra = {}) => ({ ...base, ...extra }),
    dispose: async () => {
      await redis?.stop();
      await scratch?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function start(site: PlatformSite, extra: Record<string, string> = {}): Promise<StartedPlatform> {
  return startPlatformProcess(site.env(extra), 90_000);
}

/** Signs in as the first ADMIN and issues a token for ingesting and reading. */
export async function issueToken(baseUrl: string): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.ADMIN_USERNAME, password: ADMIN.ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = await login.json() as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `fault-${Date.now()}`, scopes: ['ingest', 'read'] }),
  });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${(await res.json() as { token: string }).token}` };
}

/** A user with these roles, created by the ADMIN and signed in: the cookie to send. */
export async function signInAs(baseUrl: string, roles: string[]): Promise<Record<string, string>> {
  const login = async (username: string, password: string) => {
    const res = await postJson(`${baseUrl}/api/v1/auth/login`, { username, password }, {});
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    const { csrfToken } = await res.json() as { csrfToken: string };
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
  };
  const admin = await login(ADMIN.ADMIN_USERNAME, ADMIN.ADMIN_PASSWORD);
  const username = `fault-${roles.join('-').toLowerCase()}-${Date.now()}`;
  const password = 'fault user password 1';
  const created = await postJson(`${baseUrl}/api/v1/users`, { username, displayName: username, password, roles }, admin);
  if (created.status !== 201) throw new Error(`user not created: ${created.status} ${await created.text()}`);
  return login(username, password);
}

export function postJson(url: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

/** Which of these secrets (passwords, bearer tokens) appear anywhere in a process's output: must be none. */
export function secretsIn(logs: readonly string[], secrets: readonly string[]): string[] {
  const text = logs.join('');
  return secrets.filter((secret) => text.includes(secret));
}

/** The token part of an `Authorization: Bearer …` header. */
export const tokenOf = (auth: Record<string, string>) => (auth.authorization ?? '').replace(/^Bearer /, '');

/** Opens the site's database from the test process (for PGlite: only while the platform is down). */
export async function withDatabase<T>(site: PlatformSite, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: site.databaseUrl, embeddedDir: path.join(site.dataDir, 'pglite'), poolSize: 2 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The audit hash chain from genesis to head, as `npm run audit:verify` checks it. */
export async function auditChainIntact(db: Database): Promise<{ ok: boolean; entries: number }> {
  const result = await verifyAuditChain(db);
  return { ok: result.ok, entries: result.entries };
}

/** Rows per key that appear more than once: `SELECT key, count(*) … HAVING count(*) > 1`. */
export async function duplicates(db: Database, sql: string): Promise<Array<{ key: string; n: number }>> {
  return db.sql.query<{ key: string; n: number }>(`SELECT key, n::int AS n FROM (${sql}) d WHERE n > 1 ORDER BY key LIMIT 20`);
}
