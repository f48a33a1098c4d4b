import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgres } from '../../../test/support/databases.ts';
import { sampleReference } from '../../../test/support/fixtures.ts';
import { ROOT } from '../../../test/support/process.ts';
import { createScoring, ingestHooks } from '../../app/wiring.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { openDatabase, type Database } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import type { BacktestReport } from './report.ts';
import { proxied } from './test-fixtures.ts';

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `npm run backtest`'s entry point as a real process with only the given environment (no stray DATABASE_URL). */
function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backtest.ts', ...args], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function seed(db: Database, blobDir: string): Promise<void> {
  await migrate(db.sql);
  expect((await importReference(db, sampleReference(), 'test')).ok).toBe(true);
  const deps = { db, blobs: new LocalBlobStore(blobDir), hooks: ingestHooks(createScoring()) };
  const items = [0, 1, 2, 3, 4].map((n) => proxied(n, 'cli'));
  const result = await ingestTransactions(deps, items, { actor: 'test', source: 'api' });
  expect(result.ok && result.value.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created', 'created']);
}

describe('npm run backtest', () => {
  let dir: string;
  let pg: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backtest-cli-'));
    const embedded = await openDatabase({ embeddedDir: path.join(dir, 'data', 'pglite') });
    await seed(embedded, path.join(dir, 'blobs'));
    await embedded.close();
    pg = await createScratchPostgres('bt');
    const server = await openDatabase({ url: pg.url, embeddedDir: '', poolSize: 2 });
    await seed(server, path.join(dir, 'blobs'));
    await server.close();
    await fs.writeFile(path.join(dir, 'draft.json'), JSON.stringify({ version: 'x', config: { points: { R16: { params: { minApplicants: 9 } } } } }));
    await fs.writeFile(path.join(dir, 'bad.json'), JSON.stringify({ points: { R16: { weight: -1 } } }));
  });
  afterAll(async () => {
    await pg?.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each(['pglite', 'postgres'] as const)('prints the table and writes JSON (%s)', async (kind) => {
    const json = path.join(dir, `report-${kind}.json`);
    const where: { args: string[]; env: Record<string, string> } = kind === 'pglite'
      ? { args: ['--data', path.join(dir, 'data')], env: {} }
      : { args: [], env: { DATABASE_URL: pg!.url } };
    const run = await runCli(['--rules', path.join(dir, 'draft.json'), '--from', '2026-03-01', '--to', '2026-04-01', '--json', json, ...where.args], where.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('R16 频繁代办');
    expect(run.stdout).toContain('R16.params.minApplicants: 5→9');
    const report = JSON.parse(await fs.readFile(json, 'utf8')) as BacktestReport;
    expect(report.overall.transactions).toBe(5);
    const r16 = report.points.find((p) => p.code === 'R16')!;
    expect([r16.live.hits, r16.draft.hits]).toEqual([1, 0]);
  });

  it('answers usage errors with exit 2 and invalid drafts with exit 1, naming the path', async () => {
    const usage = await runCli(['--data', path.join(dir, 'data')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--rules');
    const missing = await runCli(['--rules', path.join(dir, 'draft.json'), '--data', path.join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(await fs.stat(path.join(dir, 'nowhere')).catch(() => null)).toBeNull();
    const bad = await runCli(['--rules', path.join(dir, 'bad.json'), '--data', path.join(dir, 'data')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('points.R16.weight');
  });
});
