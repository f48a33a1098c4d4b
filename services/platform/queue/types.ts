/** A job as handed to a handler. Handlers must be idempotent: a job may run again after a crash. */
export interface Job<P = unknown> {
  readonly queue: string;
  readonly key: string;
  readonly payload: P;
  readonly attempt: number;
}

export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface AddOptions {
  /** Retries before the job is marked failed (default 5). */
  readonly maxAttempts?: number;
  readonly delayMs?: number;
}

export interface QueueDepth {
  readonly waiting: number;
  readonly active: number;
  readonly failed: number;
  readonly delayed: number;
}

/**
 * Work queue with at-least-once delivery and de-duplication by key: adding a key that is
 * already queued does nothing. Embedded default: jobs in the database, run in process.
 * With REDIS_URL: BullMQ. Same contract, tested against both.
 */
export interface JobQueue {
  readonly kind: 'database' | 'bullmq';
  add<P>(queue: string, key: string, payload: P, options?: AddOptions): Promise<void>;
  /** Starts consuming `queue` in this process (worker role). */
  process<P>(queue: string, handler: JobHandler<P>, concurrency?: number): void;
  depth(queue: string): Promise<QueueDepth>;
  /** Stops taking work and waits for running jobs to finish (graceful shutdown). */
  close(): Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
