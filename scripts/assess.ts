/**
 * npm run assess -- --reference R.json --input T.ndjson --out DIR [--data DIR]
 * Runs the whole pipeline offline on the embedded database (a fresh one unless --data is given)
 * and writes DIR/assessments.ndjson, DIR/intermediaries.json and DIR/rejected.ndjson.
 * Exit code 0 even when transactions are rejected; non-zero only when the run itself failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AssessError, runAssess, type AssessProgress } from '../services/app/assess.ts';
import { EnvError, parseEnv, readProcessEnv } from '../services/platform/env.ts';

function progressPrinter(): ((p: AssessProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const share = p.totalBytes > 0 ? Math.round((100 * p.bytesRead) / p.totalBytes) : 100;
    process.stderr.write(`\r导入中 importing: ${share}%  ${p.transactions} transactions, ${p.rejected} rejected   `);
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { reference: { type: 'string' }, input: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const missing = (['reference', 'input', 'out'] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    console.error(`usage: npm run assess -- --reference R.json --input T.ndjson --out DIR [--data DIR]\nmissing: ${missing.map((m) => `--${m}`).join(', ')}`);
    process.exit(2);
  }
  const base = readProcessEnv();
  const fresh = values.data ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'assess-'));
  // The contract: embedded database, no server, no network, whatever the shell's environment says.
  const parsed = parseEnv({ LOG_LEVEL: base.LOG_LEVEL, DATA_DIR: values.data ?? fresh ?? undefined, DEMO_WORLD: 'never', ROLES: 'worker' });
  // A fresh database is thrown away after the run: keep it in memory, only blobs go to disk.
  const env = values.data ? parsed : { ...parsed, embeddedDbDir: 'memory://' };
  try {
    const summary = await runAssess({ referenceFile: values.reference!, inputFile: values.input!, outDir: values.out!, env, onProgress: progressPrinter() });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.error(`assessed ${summary.stored} transactions (${summary.rejected} rejected of ${summary.transactions}) in ${summary.seconds.toFixed(1)} s → ${values.out}`);
  } finally {
    if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof AssessError || error instanceof EnvError ? error.message : error);
  process.exit(1);
});
