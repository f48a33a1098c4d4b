import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { isUninitialised, readPgliteTemplate, savePgliteTemplate } from './pglite-template.ts';
import { preparedStatementName, trackTransactions } from './raw-sql.ts';

export { PrismaClient };
export type { Prisma } from '../../prisma/generated/client.ts';

/** A Prisma interactive-transaction client: use cases write through it so audit rows commit with them. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Direct SQL access for migrations and multi-statement scripts (outside Prisma's query compiler). */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` on one connection while holding a session-level advisory lock. */
  withLock<T>(lockKey: number, work: (runner: SqlRunner) => Promise<T>): Promise<T>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  readonly sql: SqlRunner;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database in `embeddedDir` is used. */
  readonly url?: string | undefined;
  readonly embeddedDir: string;
  readonly poolSize?: number;
  /** PostgreSQL only: a query unanswered this long fails instead of waiting forever on a dead link. */
  readonly queryTimeoutMs?: number;
}

/** Readiness must answer while the database does not: a ping unanswered this long counts as down. */
const PING_TIMEOUT_MS = 3_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10, options.queryTimeoutMs) : openPglite(options.embeddedDir);
}

/** A new data folder starts from the initdb template when there is one, and leaves one when there was none. */
async function createPglite(dir: string): Promise<PGlite> {
  // pg_trgm: the investigator's partial-address search (migration 0008), as on PostgreSQL.
  const extensions = { pg_trgm };
  if (!(await isUninitialised(dir))) return PGlite.create(dir, { extensions });
  const template = await readPgliteTemplate();
  if (template) {
    try {
      return await PGlite.create(dir, { extensions, loadDataDir: template });
    } catch {
      // A damaged template: initdb below, which also writes a good one.
      if (!dir.startsWith('memory://')) await fs.rm(dir, { recursive: true, force: true }).then(() => fs.mkdir(dir, { recursive: true }));
    }
  }
  const client = await PGlite.create(dir, { extensions });
  await savePgliteTemplate(client).catch(() => undefined);
  return client;
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) await fs.mkdir(dir, { recursive: true });
  const client = await createPglite(dir);
  const runner: SqlRunner = {
    exec: async (text) => { await client.exec(text); },
    query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await client.query<T>(text, params)).rows,
    // One in-process connection: nothing else can race, so the lock is the connection itself.
    withLock: (_key, work) => work(runner),
  };
  const prisma = new PrismaClient({ adapter: trackTransactions(new PrismaPGlite(client)) });
  return {
    kind: 'pglite',
    prisma,
    sql: runner,
    ping: () => pingWith(runner),
    close: async () => {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
    },
  };
}

/**
 * The connection string and the session settings the platform's connections start with, added
 * to any the URL's own `options` parameter carries (node-postgres lets the URL's replace the
 * configured ones, so they are merged here and the parameter taken out of the URL).
 * JIT off: PostgreSQL compiles a plan's expressions with LLVM once its estimate passes
 * jit_above_cost, 200–250 ms at every execution (prepared statements included), for scoring
 * statements that run in 2–100 ms. The platform's statements are short; none gains what the
 * compilation costs (the intermediaries' full run measured the same either way).
 */
export function withSessionSettings(url: string): { connectionString: string; options: string } {
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [own, '-c jit=off'].filter(Boolean).join(' ') };
}

async function openPostgres(url: string, poolSize: number, queryTimeoutMs?: number): Promise<Database> {
  const pool = new pg.Pool({
    ...withSessionSettings(url), max: poolSize, connectionTimeoutMillis: 5_000, keepAlive: true,
    ...(queryTimeoutMs ? { query_timeout: queryTimeoutMs } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const runner = poolRunner(pool);
  const prisma = new PrismaClient({ adapter: trackTransactions(new PrismaPg(pool, { statementNameGenerator: preparedStatementName })) });
  return {
    kind: 'postgres',
    prisma,
    sql: runner,
    ping: () => pingWith(runner),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

function clientRunner(client: pg.PoolClient): SqlRunner {
  const runner: SqlRunner = {
    exec: async (text) => { await client.query(text); },
    query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await client.query<T>(text, params)).rows,
    withLock: (_key, work) => work(runner),
  };
  return runner;
}

function poolRunner(pool: pg.Pool): SqlRunner {
  return {
    exec: async (text) => { await pool.query(text); },
    query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await pool.query<T>(text, params)).rows,
    withLock: async (key, work) => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await work(clientRunner(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
  };
}

async function pingWith(runner: SqlRunner): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS); });
  try {
    return await Promise.race([runner.query('SELECT 1 AS ok').then(() => true), silence]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
