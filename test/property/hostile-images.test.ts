/**
 * Malicious images: fuzzed bytes never make the checks throw; truncated files, decompression
 * bombs, 50,000 × 50,000 headers and hostile SVG are UNREADABLE in the real check-photo CLI with
 * no more memory than an ordinary photo takes; through ingestion and the photo pipeline they are
 * stored, marked UNREADABLE, and served back as inert bytes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring } from '../../services/app/wiring.ts';
import { checkPhoto } from '../../services/photos/check.ts';
import type { ModelRegistry } from '../../services/photos/models/registry.ts';
import { drainPhotoChecks } from '../../services/photos/pipeline/index.ts';
import { renderScene } from '../../services/photos/render/scene.ts';
import { testRegistry } from '../../services/photos/testing/registry.ts';
import { bearer, createTestApi, jsonRequest, signIn, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleTransaction } from '../support/fixtures.ts';
import { childEnv, ROOT } from '../support/process.ts';
import { jpegClaiming, pngClaiming, polyglot, SVG_HUGE, SVG_LAUGHS } from './support/hostile-images.ts';

const run = promisify(execFile);
const MAX_PIXELS = 50_000_000;
/** What a hostile file may cost beyond an ordinary photo's peak (the models dominate both). */
const RSS_ALLOWANCE_MB = 150;

let registry: ModelRegistry;
let scene: Buffer;
let hostile: Record<string, Buffer>;

beforeAll(async () => {
  registry = await testRegistry();
  scene = await renderScene(11, 1280, 720);
  hostile = {
    truncated: scene.subarray(0, Math.floor(scene.length * 0.6)),
    'png bomb 100000²': pngClaiming(100_000, 100_000),
    'png 50000²': pngClaiming(50_000, 50_000, 10_000),
    'jpeg 50000²': jpegClaiming(scene, 50_000, 50_000),
    'svg billion laughs': SVG_LAUGHS,
    'svg 50000²': SVG_HUGE,
    'random bytes': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
  };
});
afterAll(() => registry.release());

describe('fuzzed image bytes', () => {
  it('never make the checks throw: every case is READ or UNREADABLE with a reason', async () => {
    const small = await sharp(scene).resize(160, 90).jpeg().toBuffer();
    const png = await sharp(scene).resize(160, 90).png().toBuffer();
    const mutated = fc.record({
      base: fc.constantFrom(small, png),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.nat(255) }), { maxLength: 24 }),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    }).map(({ base, flips, cut }) => {
      const bytes = Buffer.from(base);
      for (const { at, value } of flips) bytes[at % bytes.length] = value;
      return cut === null ? bytes : bytes.subarray(0, Math.floor(bytes.length * cut));
    });
    const seen = { READ: 0, UNREADABLE: 0 };
    await fc.assert(fc.asyncProperty(mutated, async (bytes) => {
      const report = await checkPhoto(registry, bytes, { kind: 'OTHER', maxPixels: MAX_PIXELS });
      seen[report.status]++;
      if (report.status === 'UNREADABLE') {
        expect(report.unreadable).toMatch(/\S/);
        expect(report.quality).toBeNull();
      } else {
        expect(report.phash).toMatch(/^[0-9a-f]{16}$/);
      }
    }), { numRuns: 300 });
    expect(seen.UNREADABLE).toBeGreaterThan(0);
    expect(seen.READ).toBeGreaterThan(0);
  });
});

describe('hostile images in the check-photo CLI', () => {
  let dir: string;
  beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hostile-images-')); });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function checkInChild(name: string, bytes: Buffer): Promise<{ status: string; unreadable: string | null; peakMb: number }> {
    const file = path.join(dir, name.replace(/\W+/g, '-'));
    await fs.writeFile(file, bytes);
    const { stdout, stderr } = await run(process.execPath, [
      '--import', 'tsx', '--import', path.join(ROOT, 'test/property/support/report-peak-rss.ts'),
      path.join(ROOT, 'scripts/check-photo.ts'), file, '--kind', 'LEFT_FRONT_45',
    ], { cwd: ROOT, env: childEnv({ LOG_LEVEL: 'silent', ONNX_THREADS: '1' }), maxBuffer: 16 * 1024 * 1024 });
    const peak = /peak-rss-kb (\d+)/.exec(stderr);
    if (!peak) throw new Error(`no peak memory reported for ${name}: ${stderr}`);
    const report = JSON.parse(stdout) as { status: string; unreadable: string | null };
    return { status: report.status, unreadable: report.unreadable, peakMb: Math.round(Number(peak[1]) / 1024) };
  }

  it('reports each as UNREADABLE, exit 0, within the memory an ordinary photo takes', async () => {
    const ordinary = await checkInChild('ordinary.jpg', await renderScene(12, 1920, 1080));
    expect(ordinary.status).toBe('READ');
    const lines = [`ordinary 1920×1080: READ, peak ${ordinary.peakMb} MB`];
    for (const [name, bytes] of Object.entries(hostile)) {
      const result = await checkInChild(name, bytes);
      lines.push(`${name} (${bytes.length} bytes): ${result.status} (${result.unreadable}), peak ${result.peakMb} MB`);
      expect(result.status, name).toBe('UNREADABLE');
      expect(result.peakMb, `${name} peak memory`).toBeLessThan(ordinary.peakMb + RSS_ALLOWANCE_MB);
    }
    console.info(lines.join('\n'));
  });
});

describe.each(BACKENDS)('hostile images through ingestion and the photo pipeline on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });

  it('stores them, marks them UNREADABLE without stopping the worker, and serves the bytes back inert', async () => {
    const ingest = await bearer(test.db, ['ingest']);
    const photos = [...Object.values(hostile), polyglot(scene)].map((bytes) => ({ kind: 'OTHER', data: bytes.toString('base64') }));
    const created = await api.app.request('/api/v1/transactions', jsonRequest('POST', sampleTransaction({ id: `hostile-photos-${kind}`, photos }), ingest));
    expect(created.status).toBe(201);
    const counts = await drainPhotoChecks({
      db: test.db, blobs: api.ctx.blobs, models: () => Promise.resolve(registry), scoring: createScoring(),
      maxPixels: MAX_PIXELS, reviewSlaHours: 4,
    }, 1);
    expect(counts.checked).toBe(1);
    const stored = await test.db.prisma.photo.findMany({ orderBy: { position: 'asc' }, include: { finding: true } });
    expect(stored.map((p) => p.state)).toEqual([...Object.keys(hostile).map(() => 'UNREADABLE'), 'STORED']);
    expect(stored.every((p) => p.finding !== null)).toBe(true);
    // The polyglot is a real JPEG: read as one, and served as bytes a browser will not run.
    const reader = await signIn(api, ['SUPERVISOR']);
    const res = await api.app.request(`/api/v1/blobs/${stored.at(-1)!.sha256}`, { headers: reader.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
