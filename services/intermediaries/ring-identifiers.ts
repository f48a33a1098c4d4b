/**
 * What each ring's identifiers (its community's phones and booking accounts) were used for in
 * the window: by how many of the ring's members, on how many transactions, first and last
 * (counted in the detector's scan after the rings are found, after-rings.ts).
 */
import type { Uses } from './after-rings.ts';
import type { Ring } from './types.ts';

export interface SharedIdentifier {
  readonly kind: 'phone' | 'bookerAccount';
  readonly value: string;
  readonly members: number;
  readonly transactions: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** A ring shows at most this many identifiers, the most shared first. */
const MAX_SHOWN = 100;

/** Per ring, its identifiers used by two or more members or on two or more transactions, the most shared first. */
export function ringIdentifiers(rings: readonly Ring[], uses: ReadonlyMap<string, ReadonlyMap<string, Uses>>): Map<string, SharedIdentifier[]> {
  const out = new Map<string, SharedIdentifier[]>();
  for (const ring of rings) {
    const list: SharedIdentifier[] = [];
    for (const [key, u] of uses.get(ring.ringId) ?? []) {
      if (u.members.size < 2 && u.transactions < 2) continue;
      list.push({
        kind: key.startsWith('a:') ? 'bookerAccount' : 'phone', value: key.slice(2), members: u.members.size, transactions: u.transactions,
        firstSeen: new Date(u.first).toISOString(), lastSeen: new Date(u.last).toISOString(),
      });
    }
    list.sort((a, b) => b.members - a.members || b.transactions - a.transactions || (a.value < b.value ? -1 : 1));
    out.set(ring.ringId, list.slice(0, MAX_SHOWN));
  }
  return out;
}
