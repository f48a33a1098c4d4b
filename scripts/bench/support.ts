/** Shared pieces of the benchmark scripts: worlds, back ends, timing and printing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../services/platform/db.ts';
import { migrate } from '../../services/platform/migrate.ts';
import { firstTransactions } from '../../services/simulator/index.ts';
import type { ReferenceInputDoc, SimTransaction } from '../../services/simulator/index.ts';

export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchWorld {
  readonly reference: ReferenceInputDoc;
  readonly transactions: SimTransaction[];
}

/** A simulated world of about `count` transactions (deterministic). */
export function benchWorld(count: number, seed = 'bench'): BenchWorld {
  const perDay = 1000;
  return firstTransactions({ days: Math.max(3, Math.ceil(count / (perDay * 0.78))), seed, perDay }, count);
}

export interface Backend {
  readonly name: string;
  readonly db: Database;
  dispose(): Promise<void>;
}

/** The embedded default: a file-backed PGlite database in a fresh temporary folder. */
export async function embeddedBackend(): Promise<Backend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  const db = await openDatabase({ embeddedDir: path.join(dir, 'pglite') });
  await migrate(db.sql);
  return { name: 'embedded (PGlite, file)', db, dispose: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A scratch database on the PostgreSQL server at `url`, dropped afterwards. */
export async function postgresBackend(url: string): Promise<Backend> {
  const name = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString(), embeddedDir: '', poolSize: 4 });
  await migrate(db.sql);
  return {
    name: 'PostgreSQL', db,
    dispose: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index] ?? Number.NaN;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
