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

/** `items` in consecutive runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
