/**
 * Developer tool: where `npm run assess` spends its time on PGlite, per SQL statement.
 * npx tsx scripts/dev/profile-assess.ts REFERENCE.json TRANSACTIONS.ndjson
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- monkey-patches PGlite internals to time each statement */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
const T = new Map<string, [number, number]>();
for (const m of ['query', 'exec'] as const) {
  const orig = (PGlite.prototype as any)[m];
  (PGlite.prototype as any)[m] = async function (this: unknown, sql: string, ...rest: unknown[]) {
    const t = performance.now();
    try { return await orig.call(this, sql, ...rest); } finally {
      const k = sql.replace(/\s+/g, ' ').slice(0, 70); const v = T.get(k) ?? [0, 0]; v[0] += performance.now() - t; v[1]++; T.set(k, v);
    }
  };
}
const origTx = (PGlite.prototype as any).transaction;
(PGlite.prototype as any).transaction = function (this: unknown, cb: (tx: any) => Promise<unknown>) {
  return origTx.call(this, (tx: any) => {
    const q = tx.query.bind(tx);
    tx.query = async (sql: string, ...rest: unknown[]) => {
      const t = performance.now();
      try { return await q(sql, ...rest); } finally {
        const k = sql.replace(/\s+/g, ' ').slice(0, 90); const v = T.get(k) ?? [0, 0]; v[0] += performance.now() - t; v[1]++; T.set(k, v);
      }
    };
    return cb(tx);
  });
};
const { runAssess } = await import('../../services/app/assess.ts');
const { parseEnv } = await import('../../services/platform/env.ts');
const dir = fs.mkdtempSync('/tmp/prof-');
const t0 = performance.now();
await runAssess({ referenceFile: process.argv[2]!, inputFile: process.argv[3]!, outDir: '/tmp/profout', env: { ...parseEnv({ DATA_DIR: dir, LOG_LEVEL: 'warn' }), embeddedDbDir: 'memory://' } });
console.log('total', ((performance.now() - t0) / 1000).toFixed(1));
[...T].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).forEach(([k, [t, n]]) => console.log((t / 1000).toFixed(2), n, k));
