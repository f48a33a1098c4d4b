/**
 * Compact tables for aggregating the window in this process (network-edges.ts). At a million
 * transactions the window holds millions of distinct phones, people and co-occurring pairs:
 * as Map entries with string keys they would cost several hundred megabytes, next to the
 * embedded engine's own. Here a string costs its characters and three integers, a pair three
 * integers, and neither keeps alive the chunk of text it was read from.
 */

const EMPTY = -1;
/** Tables grow at this load: open addressing with linear probing stays short below it. */
const MAX_LOAD = 0.5;

export const int32s = (n: number) => new Int32Array(n);
const bytes = (n: number) => new Uint8Array(n);
const words = (n: number) => new Uint16Array(n);

/** `a`, or a copy at least `needed` long (doubling), new elements set to `fill`. */
export function grown<A extends Int32Array | Uint16Array | Uint8Array>(a: A, needed: number, make: (n: number) => A, fill?: number): A {
  if (needed <= a.length) return a;
  let size = a.length * 2;
  while (size < needed) size *= 2;
  const b = make(size);
  if (fill !== undefined) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/**
 * Strings interned to dense ids 0, 1, 2… in first-seen order; the characters live in one
 * buffer, a byte each until a string has a character beyond Latin-1. A string may be interned
 * with a prefix (`m:` + a phone): stored and named whole, without building the concatenation
 * for every lookup.
 */
export class StringPool {
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 16);
  private used = 0;
  /** A view of `chars` while they are bytes, to decode names natively. */
  private latin1: Buffer | null = null;
  /** Where string `id` starts in `chars`; it ends where `id + 1` starts. */
  private starts = new Int32Array(1024);
  /** Per slot: an id (EMPTY when free) and its string's hash, side by side (one cache line per probe). */
  private slots = new Int32Array(2 * 1024).fill(EMPTY);
  size = 0;

  private static hash(prefix: string, s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), 0x01000193);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h ^ (h >>> 15);
  }

  private equals(id: number, prefix: string, s: string): boolean {
    const start = this.starts[id] as number;
    if ((this.starts[id + 1] as number) - start !== prefix.length + s.length) return false;
    for (let i = 0; i < prefix.length; i++) if (this.chars[start + i] !== prefix.charCodeAt(i)) return false;
    const from = start + prefix.length;
    for (let i = 0; i < s.length; i++) if (this.chars[from + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** The slot holding prefix + s, or the empty slot where it would go, as an index into `slots`. */
  private slotOf(prefix: string, s: string, h: number): number {
    const mask = (this.slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[2 * slot] as number;
      if (id === EMPTY || (this.slots[2 * slot + 1] === h && this.equals(id, prefix, s))) return 2 * slot;
    }
  }

  /** The id of prefix + s, new when it was never interned. */
  intern(s: string, prefix = ''): number {
    const h = StringPool.hash(prefix, s);
    const slot = this.slotOf(prefix, s, h);
    const known = this.slots[slot] as number;
    if (known !== EMPTY) return known;
    const id = this.size++;
    this.store(prefix);
    this.store(s);
    this.starts = grown(this.starts, id + 2, int32s);
    this.starts[id + 1] = this.used;
    this.slots[slot] = id;
    this.slots[slot + 1] = h;
    if (this.size > (this.slots.length >> 1) * MAX_LOAD) this.rehash();
    return id;
  }

  private store(s: string): void {
    const needed = this.used + s.length;
    if (this.chars instanceof Uint8Array) {
      let wide = false;
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) wide = true;
      this.chars = wide ? Uint16Array.from(this.chars) : grown(this.chars, needed, bytes);
    }
    if (this.chars instanceof Uint16Array) this.chars = grown(this.chars, needed, words);
    for (let i = 0; i < s.length; i++) this.chars[this.used++] = s.charCodeAt(i);
  }

  name(id: number): string {
    const start = this.starts[id] as number;
    const end = this.starts[id + 1] as number;
    if (this.chars instanceof Uint8Array) {
      if (this.latin1?.buffer !== this.chars.buffer) this.latin1 = Buffer.from(this.chars.buffer, this.chars.byteOffset, this.chars.byteLength);
      return this.latin1.toString('latin1', start, end);
    }
    let s = '';
    // In pieces: fromCharCode takes its characters as arguments.
    for (let at = start; at < end; at += 4096) s += String.fromCharCode(...this.chars.subarray(at, Math.min(end, at + 4096)));
    return s;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2).fill(EMPTY);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === EMPTY) continue;
      let slot = (old[from + 1] as number) & mask;
      while (slots[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from] as number;
      slots[2 * slot + 1] = old[from + 1] as number;
    }
    this.slots = slots;
  }
}

/** Counts of ordered pairs of non-negative integers; a pair and its count side by side (one cache line per probe). */
export class PairCounts {
  /** Per slot: first, second, count; first EMPTY when the slot is free. */
  private table = new Int32Array(3 * 1024).fill(EMPTY);
  private slots = 1024;
  size = 0;

  private static hash(x: number, y: number): number {
    const h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
    return h ^ (h >>> 16);
  }

  /** Where (x, y) is, or the free slot where it would go, as an index into the table. */
  private find(x: number, y: number): number {
    const mask = this.slots - 1;
    for (let slot = PairCounts.hash(x, y) & mask; ; slot = (slot + 1) & mask) {
      const first = this.table[3 * slot] as number;
      if (first === EMPTY || (first === x && this.table[3 * slot + 1] === y)) return 3 * slot;
    }
  }

  add(x: number, y: number): void {
    const at = this.find(x, y);
    if (this.table[at] !== EMPTY) {
      this.table[at + 2] = (this.table[at + 2] as number) + 1;
      return;
    }
    this.table[at] = x;
    this.table[at + 1] = y;
    this.table[at + 2] = 1;
    if (++this.size > this.slots * MAX_LOAD) this.rehash();
  }

  get(x: number, y: number): number {
    const at = this.find(x, y);
    return this.table[at] === EMPTY ? 0 : (this.table[at + 2] as number);
  }

  /** Every pair with its count, in no particular order. */
  forEach(take: (x: number, y: number, count: number) => void): void {
    for (let at = 0; at < this.table.length; at += 3) {
      const x = this.table[at] as number;
      if (x !== EMPTY) take(x, this.table[at + 1] as number, this.table[at + 2] as number);
    }
  }

  private rehash(): void {
    const old = this.table;
    this.slots *= 2;
    this.table = new Int32Array(3 * this.slots).fill(EMPTY);
    for (let from = 0; from < old.length; from += 3) {
      const x = old[from] as number;
      if (x === EMPTY) continue;
      const to = this.find(x, old[from + 1] as number);
      this.table[to] = x;
      this.table[to + 1] = old[from + 1] as number;
      this.table[to + 2] = old[from + 2] as number;
    }
  }
}
