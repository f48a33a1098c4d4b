import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApi } from '../../services/api/app.ts';
import type { ApiApp } from '../../services/api/types.ts';
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import { createApiToken } from '../../services/auth/api-tokens.ts';
import type { TokenScope, UserRole } from '../../services/auth/roles.ts';
import { createUser } from '../../services/auth/users.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import type { AppContext } from '../../services/platform/context.ts';
import type { Database } from '../../services/platform/db.ts';
import { parseEnv } from '../../services/platform/env.ts';
import { createLogger, type Logger } from '../../services/platform/logger.ts';
import { DatabaseQueue } from '../../services/platform/queue/index.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApi {
  readonly app: ApiApp;
  readonly ctx: AppContext;
  dispose(): Promise<void>;
}

/** The HTTP API over a test database, in process (app.request), with extra env as needed. */
export async function createTestApi(db: Database, env: Record<string, string> = {}, logger: Logger = createLogger('silent')): Promise<TestApi> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'api-'));
  const parsed = parseEnv({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const ctx: AppContext = {
    env: parsed, logger, db, blobs: new LocalBlobStore(parsed.blobDir),
    queue: new DatabaseQueue(db.sql), lifecycle: { draining: false }, close: async () => undefined,
  };
  const scoring = createScoring();
  return { app: createApi({ ctx, scoring, ingestHooks: ingestHooks(scoring) }), ctx, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface Session {
  readonly userId: bigint;
  readonly username: string;
  /** Headers for any request: cookie, and the CSRF token (harmless on GET). */
  readonly headers: Record<string, string>;
  readonly csrfToken: string;
  readonly cookie: string;
}

let counter = 0;

/** Creates a user with these roles and signs in through POST /api/v1/auth/login. */
export async function signIn(api: TestApi, roles: UserRole[], options: { handlerId?: string; username?: string } = {}): Promise<Session> {
  counter += 1;
  const username = options.username ?? `u${counter}-${roles.join('-').toLowerCase() || 'none'}`.slice(0, 60);
  const created = await createUser(api.ctx.db, 'test', { username, displayName: username, password: TEST_PASSWORD, roles, handlerId: options.handlerId ?? null });
  if (!created.ok) throw new Error(created.error.detail);
  const res = await api.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = await res.json() as { csrfToken: string };
  return { userId: BigInt(created.value.id), username, csrfToken, cookie, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** A bearer token with these scopes, issued directly (as an ADMIN would through POST /api/v1/tokens). */
export async function bearer(db: Database, scopes: TokenScope[]): Promise<Record<string, string>> {
  const token = await createApiToken(db, 'test', { name: `test-${scopes.join('-')}-${++counter}`, scopes });
  if (!token.ok) throw new Error(token.error.detail);
  return { authorization: `Bearer ${token.value.token}` };
}

/** A JSON request with the given auth headers. */
export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
