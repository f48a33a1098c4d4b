/** `npm run audit:verify`: checks the whole audit chain; exit 0 intact, 2 broken, 1 could not run. */
import { verifyAuditChain } from '../services/audit/verify.ts';
import { openDatabase } from '../services/platform/db.ts';
import { EnvError, readProcessEnv } from '../services/platform/env.ts';

async function main(): Promise<number> {
  const env = readProcessEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, embeddedDir: env.embeddedDbDir, poolSize: 2 });
  try {
    // Read-only: a verifier does not migrate or otherwise write to what it checks.
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`审计链完整 audit chain intact: ${result.entries} entries, last seq ${result.lastSeq ?? '-'}, head ${result.lastHash}`);
      return 0;
    }
    const b = result.firstBreak!;
    console.error(`审计链断裂 audit chain BROKEN at entry seq ${b.seq} (${b.action}, ${b.at}): ${b.kind} mismatch, expected ${b.expected}, found ${b.found}; ${result.entries} entries before it verified`);
    return 2;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `audit:verify failed: ${String(error)}`);
  process.exit(1);
});
