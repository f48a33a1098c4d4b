import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../services/platform/db.ts';
import { migrate } from '../../services/platform/migrate.ts';

/** Server used by integration tests; CI starts it (see .ci/run). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type BackendKind = 'pglite' | 'postgres';
export const BACKENDS: BackendKind[] = ['pglite', 'postgres'];

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty PostgreSQL database of its own for one test file and returns its URL. */
export async function createScratchPostgres(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlWithDatabase(TEST_PG_URL, name);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDatabase {
  readonly db: Database;
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

/** A migrated, empty database of the given kind (PGlite in memory, or a scratch PostgreSQL database). */
export async function openTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ embeddedDir: 'memory://' });
    await migrate(db.sql);
    return { db, url: undefined, dispose: () => db.close() };
  }
  const scratch = await createScratchPostgres();
  const db = await openDatabase({ url: scratch.url, embeddedDir: '', poolSize: 5 });
  await migrate(db.sql);
  return {
    db,
    url: scratch.url,
    dispose: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}
