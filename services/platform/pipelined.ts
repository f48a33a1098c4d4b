/**
 * Statements sent on one connection without waiting in between run in sending order while Node
 * goes on (the driver queues them), so the server works on one part of a batch while Node
 * builds the next.
 */

/** `items` in consecutive runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Marks a statement's promise as observed the moment it is sent: if it fails while Node is
 * still building the next chunk, Node must not report (and die of) an unhandled rejection
 * before `settleInOrder` gets to it. Awaiting it still gives its own value or error.
 */
export function observed<T>(sent: Promise<T>): Promise<T> {
  sent.catch(() => undefined);
  return sent;
}

/**
 * Awaits every promise; the first failure in sending order is the one thrown, as the later
 * statements only fail because the transaction was aborted by it.
 */
export async function settleInOrder<T>(sent: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
