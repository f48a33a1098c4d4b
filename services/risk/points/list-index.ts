import { normaliseIdNumber, normalisePhone } from '../../domain/index.ts';
import type { ListEntry } from '../../ingest/schema/index.ts';

/** A reference list's entries by normalised ID number and phone; the first entry of a key wins, as a scan would find it. */
export interface ListIndex {
  readonly byIdNumber: ReadonlyMap<string, ListEntry>;
  readonly byPhone: ReadonlyMap<string, ListEntry>;
}

/**
 * Built once per list: a reference list is immutable once loaded (a new version is a new array),
 * and a blacklist of thousands scanned with normalisation for every party of every transaction
 * would cost milliseconds per transaction.
 */
const indexes = new WeakMap<readonly ListEntry[], ListIndex>();

function keep(map: Map<string, ListEntry>, key: string | null, entry: ListEntry): void {
  if (key !== null && !map.has(key)) map.set(key, entry);
}

export function listIndex(list: readonly ListEntry[]): ListIndex {
  let index = indexes.get(list);
  if (!index) {
    const byIdNumber = new Map<string, ListEntry>();
    const byPhone = new Map<string, ListEntry>();
    for (const entry of list) {
      keep(byIdNumber, normaliseIdNumber(entry.idNumber), entry);
      keep(byPhone, normalisePhone(entry.phone), entry);
    }
    index = { byIdNumber, byPhone };
    indexes.set(list, index);
  }
  return index;
}
