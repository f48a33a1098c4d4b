import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { backoffMs, DEFAULT_MAX_ATTEMPTS, type AddOptions, type Job, type JobHandler, type JobQueue, type QueueDepth } from './types.ts';

/**
 * How long a producer waits for Redis. While Redis is down, ioredis keeps commands for later and
 * BullMQ waits for the connection, so an add would hold the ingestion request that already
 * committed until Redis returns. Past this it fails instead: the caller logs it, the command
 * still runs on reconnect (adds are de-duplicated by key), and the requeue sweep covers the rest.
 */
export const PRODUCER_TIMEOUT_MS = 3_000;

function withinProducerTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis 未在 ${PRODUCER_TIMEOUT_MS} ms 内响应 (no answer to ${what} within ${PRODUCER_TIMEOUT_MS} ms)`)), PRODUCER_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface BullQueueOptions {
  readonly prefix?: string;
  readonly onError?: (error: unknown, job: Job) => void;
}

/** Redis-backed queue for scale-out: API replicas add, worker processes (or GPU machines) consume. */
export class BullQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];
  private readonly connection: Redis;

  constructor(private readonly url: string, private readonly options: BullQueueOptions = {}) {
    this.connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', () => undefined);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix ?? 'cheguan' });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<P>(queue: string, key: string, payload: P, options: AddOptions = {}): Promise<void> {
    // A connection known lost fails at once rather than after the timeout, for every request of an outage.
    if (['close', 'reconnecting', 'end'].includes(this.connection.status)) {
      throw new Error(`Redis 连接中断 (connection ${this.connection.status}): job ${queue}/${key} not queued`);
    }
    // BullMQ ignores an add whose jobId exists: that is the de-duplication by key.
    await withinProducerTimeout(this.queue(queue).add(queue, payload, {
      jobId: key.replace(/:/g, '_'),
      attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: backoffMs(1) },
      delay: options.delayMs ?? 0,
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    }), `add ${queue}`);
  }

  process<P>(queue: string, handler: JobHandler<P>, concurrency = 1): void {
    const connection = new Redis(this.url, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    this.workerConnections.push(connection);
    const worker = new Worker(
      queue,
      async (job) => {
        const wrapped: Job<P> = { queue, key: job.id ?? '', payload: job.data as P, attempt: job.attemptsMade + 1 };
        try {
          await handler(wrapped);
        } catch (error) {
          this.options.onError?.(error, wrapped);
          throw error;
        }
      },
      { connection, concurrency, prefix: this.options.prefix ?? 'cheguan' },
    );
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  async depth(queue: string): Promise<QueueDepth> {
    const counts = await withinProducerTimeout(this.queue(queue).getJobCounts('waiting', 'active', 'failed', 'delayed', 'prioritized'), `depth ${queue}`);
    return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, failed: counts.failed ?? 0, delayed: counts.delayed ?? 0 };
  }

  async close(): Promise<void> {
    // Worker.close() waits for running jobs; unfinished ones stay in Redis for the next worker.
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all([this.connection, ...this.workerConnections].map((c) => c.quit().catch(() => undefined)));
  }
}
