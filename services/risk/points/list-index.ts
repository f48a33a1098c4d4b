import { normaliseIdNumber, normalisePhone } from '../../domain/index.ts';
import type { ListEntry } from '../../ingest/schema/index.ts';

/** A reference list's entries by normalised ID number and phone; the first entry of a key wins, as a scan would find it. */
export interface ListIndex {
  readonly byIdNumber: ReadonlyMap<string, ListEntry>;
  readonly byPhone: ReadonlyMap<string, ListEntry>;
}

/**
 * `build` run once per reference list: a list is immutable once loaded (a new reference version
 * is a new array), and a list of thousands scanned with normalisation for every party of every
 * transaction would cost milliseconds per transaction.
 */
export function oncePerList<L extends object, V>(build: (list: L) => V): (list: L) => V {
  const built = new WeakMap<L, V>();
  return (list) => {
    if (!built.has(list)) built.set(list, build(list));
    return built.get(list)!;
  };
}

function keep(map: Map<string, ListEntry>, key: string | null, entry: ListEntry): void {
  if (key !== null && !map.has(key)) map.set(key, entry);
}

export const listIndex = oncePerList((list: readonly ListEntry[]): ListIndex => {
  const byIdNumber = new Map<string, ListEntry>();
  const byPhone = new Map<string, ListEntry>();
  for (const entry of list) {
    keep(byIdNumber, normaliseIdNumber(entry.idNumber), entry);
    keep(byPhone, normalisePhone(entry.phone), entry);
  }
  return { byIdNumber, byPhone };
});
