/**
 * A pre-initialised PGlite data folder. Opening a fresh embedded database runs initdb inside
 * WebAssembly: 5–9 s on this machine, most of a first `npm start` (readiness within 15 s)
 * and of every embedded test database. initdb's output is the same for every new database,
 * so it is made once — at `npm install` (scripts/postinstall.ts), or by the first fresh open —
 * kept as a tarball next to the installed PGlite's version, and unpacked (about 1.5 s) into
 * each new data folder. A missing or unreadable template only means initdb runs as before.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const CACHE_DIR = fileURLToPath(new URL('../../.cache/pglite', import.meta.url));

/** The installed PGlite's version (its package.json is not exported: found above its entry point). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (path.basename(dir) !== 'pglite' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function templateFile(): string {
  return path.join(CACHE_DIR, `initdb-${pgliteVersion()}.tar.gz`);
}

/** The template as PGlite's `loadDataDir` takes it, or undefined when there is none yet. */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  try {
    return new Blob([await fs.readFile(templateFile())]);
  } catch {
    return undefined;
  }
}

/** Keeps a just-initialised, still empty database as the template (written whole, then renamed). */
export async function savePgliteTemplate(fresh: PGlite): Promise<void> {
  const file = templateFile();
  const dump = await fresh.dumpDataDir('gzip');
  await fs.mkdir(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  await fs.writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await fs.rename(partial, file);
}

/** A data folder that PGlite has not initialised yet (no PG_VERSION): the template applies. */
export async function isUninitialised(dir: string): Promise<boolean> {
  if (dir.startsWith('memory://')) return true;
  try {
    await fs.access(path.join(dir, 'PG_VERSION'));
    return false;
  } catch {
    return true;
  }
}

/** At install: makes the template unless this PGlite version has one. */
export async function ensurePgliteTemplate(): Promise<'made' | 'present'> {
  if (await readPgliteTemplate()) return 'present';
  const fresh = await PGlite.create('memory://');
  try {
    await savePgliteTemplate(fresh);
  } finally {
    await fresh.close();
  }
  return 'made';
}
