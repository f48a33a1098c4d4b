/**
 * The window's rows streamed into this process, for the full run's passes that aggregate in
 * JavaScript. The rows travel in chunks of ingestion numbers (seq), each chunk as ONE text
 * value (string_agg): the embedded engine's driver spends about 15 µs on every row it hands
 * over as an object (17 s for a million rows of seven columns), and 2 s for the same rows as
 * twenty text values. Grouping a million rows inside the embedded engine, single-threaded
 * WebAssembly spilling its hashes to a virtual file system, was most of the full run.
 *
 * Fields (of all the chunk's rows: one split) are separated by U+001F and NULL is U+001D. A
 * value containing U+001F changes the chunk's field count, which is checked against its row
 * count; such a chunk is read again row by row, so the result never depends on the encoding.
 * Only a value that is exactly U+001D reads as NULL.
 */
import type { Reader } from './reader.ts';
import type { Window } from './window.ts';

/** Ingestion numbers per chunk: a chunk's text is a megabyte or two in both processes. */
const CHUNK_SEQS = 10_000;
const FIELD = '\u001f';
const NULL = '\u001d';

export type Fields = ReadonlyArray<string | null>;

export interface WindowScan {
  /** SQL expressions over `t` (a transaction row), read as text; placeholders from $5 on take `params`. */
  readonly columns: readonly string[];
  /** Extra condition on `t`, e.g. `t.agent_id_number IS NOT NULL`. */
  readonly where?: string;
  readonly params?: readonly unknown[];
}

const chunkWhere = (where: string | undefined) =>
  `t.seq >= $1 AND t.seq < $2 AND t.accepted_at > $3 AND t.accepted_at <= $4${where ? ` AND (${where})` : ''}`;

/** Whether the chunk holds exactly `rows` × `width` fields (a value containing the separator adds one). */
function wellFormed(text: string, rows: number, width: number): boolean {
  let separators = 0;
  for (let at = text.indexOf(FIELD); at !== -1; at = text.indexOf(FIELD, at + 1)) separators++;
  return separators + 1 === rows * width;
}

/**
 * Hands the chunk's rows to `take` in `row`, field by field: no array of all the chunk's fields,
 * whose strings would all outlive the young generation with it and pile up as garbage.
 */
function decodeInto(text: string, row: Array<string | null>, take: (fields: Fields) => void): void {
  const width = row.length;
  let start = 0;
  while (start <= text.length) {
    for (let i = 0; i < width; i++) {
      let end = text.indexOf(FIELD, start);
      if (end === -1) end = text.length;
      const field = text.slice(start, end);
      row[i] = field === NULL ? null : field;
      start = end + 1;
    }
    take(row);
  }
}

async function chunkRowByRow(sql: Reader, scan: WindowScan, bounds: unknown[]): Promise<Fields[]> {
  const aliases = scan.columns.map((c, i) => `(${c})::text AS c${i}`).join(', ');
  const rows = await sql.query<Record<string, string | null>>(
    `SELECT ${aliases} FROM transaction t WHERE ${chunkWhere(scan.where)} ORDER BY t.seq`, [...bounds, ...(scan.params ?? [])]);
  return rows.map((r) => scan.columns.map((_, i) => r[`c${i}`] ?? null));
}

/**
 * Hands every window row (in ingestion order) to `take` as its fields, text or null. The rows of
 * one chunk are decoded together and dropped before the next chunk is read.
 */
export async function scanWindow(sql: Reader, window: Window, scan: WindowScan, take: (fields: Fields) => void): Promise<number> {
  const [range] = await sql.query<{ lo: string | null; hi: string | null }>(
    'SELECT min(seq)::text AS lo, max(seq)::text AS hi FROM transaction WHERE accepted_at > $1 AND accepted_at <= $2', [window.from, window.to]);
  if (!range || range.lo === null || range.hi === null) return 0;
  const fields = scan.columns.map((c) => `coalesce((${c})::text, E'\\x1d')`).join(', ');
  const text = `SELECT count(*)::int AS n, string_agg(concat_ws(E'\\x1f', ${fields}), E'\\x1f') AS chunk FROM transaction t WHERE ${chunkWhere(scan.where)}`;
  const width = scan.columns.length;
  // One array for every row: `take` reads it and must not keep it.
  const row: Array<string | null> = new Array<string | null>(width).fill(null);
  let rows = 0;
  for (let lo = BigInt(range.lo); lo <= BigInt(range.hi); lo += BigInt(CHUNK_SEQS)) {
    const bounds = [lo.toString(), (lo + BigInt(CHUNK_SEQS)).toString(), window.from, window.to];
    const [chunk] = await sql.query<{ n: number; chunk: string | null }>(text, [...bounds, ...(scan.params ?? [])]);
    if (!chunk || chunk.chunk === null) continue;
    if (wellFormed(chunk.chunk, chunk.n, width)) decodeInto(chunk.chunk, row, take);
    else for (const fields of await chunkRowByRow(sql, scan, bounds)) take(fields);
    rows += chunk.n;
  }
  return rows;
}
