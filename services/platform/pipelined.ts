import { setImmediate } from 'node:timers/promises';

/**
 * Statements of one database transaction sent one after the other while Node goes on: each is
 * handed to the driver when the previous one has completed (a driver connection runs one
 * statement at a time, and queuing more on it is deprecated in node-postgres), and Node builds
 * the next meanwhile.
 */
export class StatementPipeline {
  private tail: Promise<void> = Promise.resolve();

  /**
   * Runs `statement` after everything sent before has completed. After a failure nothing more is
   * sent: the transaction is aborted, and `completed` gives that first failure.
   */
  send(statement: () => Promise<unknown>): void {
    this.tail = this.tail.then(async () => { await statement(); });
    // Observed at once: a failure while Node is still building the next statement must not be
    // reported (and kill the process) as an unhandled rejection before `completed` is awaited.
    this.tail.catch(() => undefined);
  }

  /** Resolves when every statement sent has completed; rejects with the first failure. */
  completed(): Promise<void> {
    return this.tail;
  }
}

/**
 * A statement built and held back until its caller's reads are done: sent by `release` (once),
 * awaited by `settled`, which sends it first if nobody did. Its failure is observed at once (no
 * unhandled rejection) and reported by `settled`.
 */
export class HeldStatement {
  private sent: Promise<void> | undefined;

  constructor(private readonly statement: () => Promise<unknown>) {}

  /**
   * Resolves once the statement is handed to the driver: the driver is reached through a few
   * promise steps, which synchronous work started right after a plain call would hold back.
   */
  async release(): Promise<void> {
    if (this.sent) return;
    this.start();
    await setImmediate();
  }

  settled(): Promise<void> {
    this.start();
    return this.sent!;
  }

  private start(): void {
    if (this.sent) return;
    this.sent = this.statement().then(() => undefined);
    this.sent.catch(() => undefined);
  }
}

/** `items` in consecutive runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
