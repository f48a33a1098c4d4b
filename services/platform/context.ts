import { LocalBlobStore, type BlobStore } from './blob-store.ts';
import { openDatabase, type Database } from './db.ts';
import type { Env } from './env.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrate } from './migrate.ts';
import { DatabaseQueue, type JobQueue } from './queue/index.ts';

/** Everything a role needs, built once at start from the validated environment. */
export interface AppContext {
  readonly env: Env;
  readonly logger: Logger;
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly queue: JobQueue;
  /** Set when shutdown begins: readiness turns false and new work is refused. */
  readonly lifecycle: { draining: boolean };
  close(): Promise<void>;
}

export async function createContext(env: Env, logger: Logger = createLogger(env.LOG_LEVEL)): Promise<AppContext> {
  const db = await openDatabase({ url: env.DATABASE_URL, embeddedDir: env.embeddedDbDir, poolSize: env.DATABASE_POOL_SIZE, queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS });
  try {
    const migrations = await migrate(db.sql);
    if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'database migrated');
  } catch (error) {
    await db.close();
    throw error;
  }
  const onError = (error: unknown, job: { queue: string; key: string; attempt: number }) =>
    logger.warn({ err: error, queue: job.queue, key: job.key, attempt: job.attempt }, 'job failed');
  // BullMQ and ioredis load only with Redis (half a second of the embedded default's start-up).
  const queue: JobQueue = env.REDIS_URL
    ? new (await import('./queue/bullmq-queue.ts')).BullQueue(env.REDIS_URL, { onError, prefix: env.QUEUE_PREFIX })
    : new DatabaseQueue(db.sql, { onError });
  const lifecycle = { draining: false };
  return {
    env, logger, db, queue, lifecycle,
    blobs: new LocalBlobStore(env.blobDir),
    close: async () => {
      lifecycle.draining = true;
      await queue.close();
      await db.close();
    },
  };
}
