/**
 * Counting helpers for the full run's passes over a million window rows, where most keys
 * (a client's own phone, say) are seen with one value only: a Set per key would cost this
 * process hundreds of megabytes, so a key holds its first value until a second one appears.
 */

/**
 * A copy of a string that does not keep a larger one alive: V8 makes a substring of 13 or more
 * characters (a field split off a chunk of rows) a slice of the whole text, so one kept field
 * would keep the chunk's megabytes.
 */
export const own = (text: string): string => (` ${text}`).slice(1);

/** Distinct values per key; keys and values are copied when kept (see own). */
export class DistinctCounter {
  private readonly values = new Map<string, string | Set<string>>();

  add(key: string, value: string): void {
    const seen = this.values.get(key);
    if (seen === undefined) this.values.set(own(key), own(value));
    else if (typeof seen === 'string') {
      if (seen !== value) this.values.set(key, new Set([seen, own(value)]));
    } else if (!seen.has(value)) seen.add(own(value));
  }

  /** Distinct values seen with `key`; null when the key was never added (SQL's missing join row). */
  count(key: string): number | null {
    const seen = this.values.get(key);
    return seen === undefined ? null : typeof seen === 'string' ? 1 : seen.size;
  }
}

/** Occurrences per key. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  entries(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }
}

/** The most frequent key, ties to the smallest (PostgreSQL's mode() WITHIN GROUP (ORDER BY …)); null when empty. */
export function mode(tally: Tally): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, n] of tally.entries()) {
    if (n > bestCount || (n === bestCount && best !== null && key < best)) {
      best = key;
      bestCount = n;
    }
  }
  return best;
}
