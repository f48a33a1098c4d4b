import fs from 'node:fs';
import readline from 'node:readline';
import type { FieldProblem } from '../platform/errors.ts';

export interface NdjsonLine {
  readonly line: number;
  readonly value: unknown;
}

export interface NdjsonParseFailure {
  readonly line: number;
  readonly problems: readonly FieldProblem[];
}

export interface NdjsonBatch {
  readonly lines: NdjsonLine[];
  readonly failures: NdjsonParseFailure[];
  /** Bytes of the file consumed so far, for progress. */
  readonly bytesRead: number;
}

/**
 * Streams an NDJSON file in batches of parsed lines: the file is never held in memory whole,
 * so a 1 GB import costs one batch of memory. Blank lines are skipped; a line that is not JSON
 * becomes a failure naming the line, and the import goes on.
 */
export async function* readNdjsonBatches(file: string, batchSize: number): AsyncGenerator<NdjsonBatch> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const reader = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let lines: NdjsonLine[] = [];
  let failures: NdjsonParseFailure[] = [];
  let lineNumber = 0;
  for await (const text of reader) {
    lineNumber++;
    if (text.trim() === '') continue;
    try {
      lines.push({ line: lineNumber, value: JSON.parse(text) });
    } catch (error) {
      failures.push({ line: lineNumber, problems: [{ path: '(line)', message: `不是合法 JSON (not valid JSON: ${(error as Error).message})` }] });
    }
    if (lines.length >= batchSize) {
      yield { lines, failures, bytesRead: stream.bytesRead };
      lines = [];
      failures = [];
    }
  }
  if (lines.length > 0 || failures.length > 0) yield { lines, failures, bytesRead: stream.bytesRead };
}
