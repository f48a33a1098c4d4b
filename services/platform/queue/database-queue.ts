import type { SqlRunner } from '../db.ts';
import { backoffMs, DEFAULT_MAX_ATTEMPTS, type AddOptions, type Job, type JobHandler, type JobQueue, type QueueDepth } from './types.ts';

interface ClaimedRow extends Record<string, unknown> {
  id: string;
  key: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface DatabaseQueueOptions {
  readonly pollMs?: number;
  /** A claimed job not finished within the lease is taken again (its worker is presumed dead). */
  readonly leaseMs?: number;
  readonly onError?: (error: unknown, job: Job) => void;
}

/** The embedded default's queue: durable jobs in the `job` table, claimed with SKIP LOCKED leases. */
export class DatabaseQueue implements JobQueue {
  readonly kind = 'database' as const;
  private readonly consumers: Array<{ stop: () => Promise<void> }> = [];
  private closed = false;

  constructor(private readonly sql: SqlRunner, private readonly options: DatabaseQueueOptions = {}) {}

  async add<P>(queue: string, key: string, payload: P, options: AddOptions = {}): Promise<void> {
    await this.sql.query(
      `INSERT INTO job (queue, key, payload, state, max_attempts, run_at)
       VALUES ($1, $2, $3::jsonb, 'waiting', $4, now() + ($5::int * interval '1 millisecond'))
       ON CONFLICT (queue, key) DO NOTHING`,
      [queue, key, JSON.stringify(payload ?? null), options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, options.delayMs ?? 0],
    );
  }

  process<P>(queue: string, handler: JobHandler<P>, concurrency = 1): void {
    let running = 0;
    let stopped = false;
    const inFlight = new Set<Promise<void>>();
    const tick = async (): Promise<void> => {
      if (stopped || running >= concurrency) return;
      const rows = await this.claim(queue, concurrency - running).catch(() => [] as ClaimedRow[]);
      for (const row of rows) {
        running++;
        const run = this.runOne(queue, row, handler as JobHandler).finally(() => { running--; inFlight.delete(run); });
        inFlight.add(run);
      }
    };
    const timer = setInterval(() => { void tick(); }, this.options.pollMs ?? 200);
    void tick();
    this.consumers.push({
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await Promise.allSettled([...inFlight]);
      },
    });
  }

  private async claim(queue: string, limit: number): Promise<ClaimedRow[]> {
    if (this.closed) return [];
    return this.sql.query<ClaimedRow>(
      `UPDATE job SET state = 'active', attempts = attempts + 1,
              locked_until = now() + ($3::int * interval '1 millisecond')
       WHERE id IN (
         SELECT id FROM job
         WHERE queue = $1 AND run_at <= now()
           AND (state = 'waiting' OR (state = 'active' AND locked_until < now()))
         ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, key, payload, attempts, max_attempts`,
      [queue, limit, this.options.leaseMs ?? 60_000],
    );
  }

  private async runOne(queue: string, row: ClaimedRow, handler: JobHandler): Promise<void> {
    const job: Job = { queue, key: row.key, payload: row.payload, attempt: row.attempts };
    try {
      await handler(job);
      await this.sql.query(`UPDATE job SET state = 'completed', finished_at = now(), locked_until = NULL WHERE id = $1::bigint`, [row.id]);
    } catch (error) {
      this.options.onError?.(error, job);
      const exhausted = row.attempts >= row.max_attempts;
      await this.sql.query(
        `UPDATE job SET state = $2, last_error = $3, locked_until = NULL,
                run_at = now() + ($4::int * interval '1 millisecond'), finished_at = CASE WHEN $2 = 'failed' THEN now() END
         WHERE id = $1::bigint`,
        [row.id, exhausted ? 'failed' : 'waiting', String((error as Error)?.message ?? error).slice(0, 2000), backoffMs(row.attempts)],
      ).catch(() => undefined);
    }
  }

  async depth(queue: string): Promise<QueueDepth> {
    const rows = await this.sql.query<{ state: string; delayed: boolean; n: number }>(
      `SELECT state, run_at > now() AS delayed, count(*)::int AS n FROM job WHERE queue = $1 AND state <> 'completed' GROUP BY 1, 2`,
      [queue],
    );
    const sum = (predicate: (r: (typeof rows)[number]) => boolean) => rows.filter(predicate).reduce((acc, r) => acc + r.n, 0);
    return {
      waiting: sum((r) => r.state === 'waiting' && !r.delayed),
      delayed: sum((r) => r.state === 'waiting' && r.delayed),
      active: sum((r) => r.state === 'active'),
      failed: sum((r) => r.state === 'failed'),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
