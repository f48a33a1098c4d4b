import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ingestTransactions, MAX_BATCH } from '../ingest/ingest-transactions.ts';
import { readNdjsonBatches } from '../ingest/ndjson.ts';
import { importReference } from '../ingest/reference-data.ts';
import { createContext, type AppContext } from '../platform/context.ts';
import type { Env } from '../platform/env.ts';
import { createLogger } from '../platform/logger.ts';
import { detectIntermediaries, intermediariesJson, toFlaggedRings } from '../intermediaries/index.ts';
import { publishRings } from '../risk/engine/rings.ts';
import { sweepTolerance } from '../risk/engine/tolerance-sweep.ts';
import { createPhotoPipeline, drainPhotoChecks } from '../photos/pipeline/index.ts';
import { writeAssessments } from './assessment-export.ts';
import { createScoring, ingestHooks } from './wiring.ts';

export interface AssessOptions {
  readonly referenceFile: string;
  readonly inputFile: string;
  readonly outDir: string;
  readonly env: Env;
  readonly onProgress?: (progress: AssessProgress) => void;
}

export interface AssessProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly transactions: number;
  readonly rejected: number;
}

export interface AssessSummary {
  readonly transactions: number;
  readonly stored: number;
  readonly rejected: number;
  readonly seconds: number;
}

export class AssessError extends Error {}

function acceptedAtMs(value: unknown): number {
  const text = (value as { acceptedAt?: unknown } | null)?.acceptedAt;
  const ms = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? ms : 0;
}

async function loadReference(ctx: AppContext, file: string): Promise<void> {
  const text = await fsp.readFile(file, 'utf8').catch((error: Error) => { throw new AssessError(`cannot read reference file ${file}: ${error.message}`); });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new AssessError(`reference file ${file} is not JSON: ${(error as Error).message}`);
  }
  const result = await importReference(ctx.db, doc, 'assess');
  if (!result.ok) {
    const problems = (result.error.problems ?? []).slice(0, 20).map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new AssessError(`reference data refused:\n${problems}`);
  }
}

/** `npm run assess`: the whole pipeline on the embedded default, offline, in input order. */
export async function runAssess(options: AssessOptions): Promise<AssessSummary> {
  const started = performance.now();
  const totalBytes = (await fsp.stat(options.inputFile).catch(() => { throw new AssessError(`cannot read input file ${options.inputFile}`); })).size;
  await fsp.mkdir(options.outDir, { recursive: true });
  const ctx = await createContext(options.env, createLogger(options.env.LOG_LEVEL === 'info' ? 'warn' : options.env.LOG_LEVEL));
  try {
    await loadReference(ctx, options.referenceFile);
    const rejectedOut = fs.createWriteStream(path.join(options.outDir, 'rejected.ndjson'));
    const order: string[] = [];
    const seen = new Set<string>();
    let transactions = 0;
    let rejected = 0;
    const scoring = createScoring();
    const deps = { db: ctx.db, blobs: ctx.blobs, hooks: ingestHooks(scoring) };
    let fileClock = 0;
    for await (const batch of readNdjsonBatches(options.inputFile, MAX_BATCH)) {
      transactions += batch.lines.length + batch.failures.length;
      for (const failure of batch.failures) rejectedOut.write(`${JSON.stringify({ line: failure.line, id: null, version: null, problems: failure.problems })}\n`);
      rejected += batch.failures.length;
      const result = await ingestTransactions(deps, batch.lines.map((l) => l.value), { actor: 'assess', source: 'file', baseDir: path.dirname(options.inputFile) });
      if (!result.ok) throw new AssessError(`${result.error.code}: ${result.error.detail}`);
      for (const item of result.value) {
        const line = batch.lines[item.index]?.line ?? null;
        if (item.outcome === 'rejected') {
          rejected++;
          rejectedOut.write(`${JSON.stringify({ line, id: item.id, version: item.version, problems: item.problems })}\n`);
        } else if (item.id !== null && !seen.has(item.id)) {
          seen.add(item.id);
          order.push(item.id);
        }
      }
      // R25 in file time: cases whose due time the file has passed are judged as they stand now.
      fileClock = Math.max(fileClock, ...batch.lines.map((l) => acceptedAtMs(l.value)));
      await sweepTolerance(ctx.db, scoring, new Date(fileClock));
      options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes, transactions, rejected });
    }
    await new Promise<void>((resolve, reject) => rejectedOut.end((error?: Error | null) => (error ? reject(error) : resolve())));
    // Photo checks after the whole file: R33 judges each transaction against the photos of
    // those ingested before it whatever order the checks run in, so the result is the same.
    const photos = createPhotoPipeline(ctx, scoring);
    try {
      await drainPhotoChecks(photos.deps, ctx.env.PHOTO_WORKER_CONCURRENCY);
    } finally {
      await photos.close();
    }
    // Intermediary detection over the whole file; its rings are R21's input, so publishing
    // them re-assesses the ring members' transactions before the assessments are written.
    const detection = await detectIntermediaries(ctx.db);
    await publishRings(ctx.db, scoring, toFlaggedRings(detection));
    await writeAssessments(ctx.db, order, path.join(options.outDir, 'assessments.ndjson'));
    await fsp.writeFile(path.join(options.outDir, 'intermediaries.json'), `${JSON.stringify(intermediariesJson(detection), null, 2)}\n`);
    return { transactions, stored: order.length, rejected, seconds: (performance.now() - started) / 1000 };
  } finally {
    await ctx.close();
  }
}
