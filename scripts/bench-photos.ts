/**
 * npm run bench:photos -- [--photos N] [--concurrency C]
 *
 * The full photo check suite on 1920×1080 JPEGs as a transaction brings them: exterior photos
 * (a real plate crop from ../shared/data/plates on a rendered car, camera timestamp strip),
 * VIN stamps and an inspector beside the car, each checked as its declared kind. Prints the
 * latency p50/p95 one photo at a time (overall and per kind), the throughput with C photos in
 * flight (PHOTO_WORKER_CONCURRENCY by default), the process's peak RSS, the machine's load
 * average — and the same on the CUDA provider where this machine has one.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { vinCheckChar } from '../services/domain/check-digits.ts';
import type { PhotoKind } from '../services/domain/codes.ts';
import { readProcessEnv } from '../services/platform/env.ts';
import { checkPhoto, onnxThreads, openRegistry, type ModelRegistry } from '../services/photos/index.ts';
import { renderVehicleScene } from '../services/photos/render/scene.ts';
import { randomVin, renderVinPhoto } from '../services/photos/render/vin-photo.ts';

const PLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/plates');
const GOALS = { p95: 250, throughput: 8, rssMb: 1536 };

interface Photo {
  readonly kind: PhotoKind;
  readonly bytes: Buffer;
}

interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly byKind: ReadonlyMap<PhotoKind, { p50: number; p95: number; n: number }>;
  readonly throughput: number;
  /** Process CPU time per photo (all threads): what the photo costs, whatever else loads the machine. */
  readonly cpuMs: number;
}

/** A VIN stamp photo framed as a 1920×1080 camera picture. */
async function vinFrame(seed: number): Promise<Buffer> {
  const photo = await renderVinPhoto(randomVin(seed, vinCheckChar), seed, 'stamp');
  return sharp(photo).resize(1920, 1080, { fit: 'contain', background: '#8f8f8f' }).jpeg({ quality: 85 }).toBuffer();
}

/** Per transaction: two exterior photos, a VIN stamp, an inspector photo. */
async function photoSet(count: number): Promise<Photo[]> {
  const plates = (await readFile(path.join(PLATES, 'labels.csv'), 'utf8')).trim().split('\n').slice(1).map((row) => row.split(',')[0] ?? '');
  const timestamp = (i: number): string => `2026-03-${String(1 + (i % 28)).padStart(2, '0')} 10:15:00`;
  return Promise.all(Array.from({ length: count }, async (_, i): Promise<Photo> => {
    const plate = await readFile(path.join(PLATES, plates[i % plates.length] ?? ''));
    switch (i % 4) {
      case 0: return { kind: 'LEFT_FRONT_45', bytes: (await renderVehicleScene(i + 1, { plate, plateWidth: 150 + ((i * 37) % 110), timestamp: timestamp(i) })).jpeg };
      case 1: return { kind: 'RIGHT_REAR_45', bytes: (await renderVehicleScene(i + 1, { plate, plateWidth: 150 + ((i * 37) % 110), timestamp: timestamp(i) })).jpeg };
      case 2: return { kind: 'VIN_STAMP', bytes: await vinFrame(i + 1) };
      default: return { kind: 'INSPECTOR_WITH_VEHICLE', bytes: (await renderVehicleScene(i + 1, { inspector: true, timestamp: timestamp(i) })).jpeg };
    }
  }));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function measure(registry: ModelRegistry, photos: readonly Photo[], concurrency: number, maxPixels: number): Promise<Figures> {
  const one = (photo: Photo): Promise<unknown> => checkPhoto(registry, photo.bytes, { kind: photo.kind, maxPixels });
  // Warm-up: the first run of each model allocates its arenas.
  for (const photo of photos.slice(0, 4)) await one(photo);
  const latencies: { kind: PhotoKind; ms: number }[] = [];
  const cpuBefore = process.cpuUsage();
  for (const photo of photos) {
    const started = performance.now();
    await one(photo);
    latencies.push({ kind: photo.kind, ms: performance.now() - started });
  }
  const cpu = process.cpuUsage(cpuBefore);
  const byKind = new Map<PhotoKind, { p50: number; p95: number; n: number }>();
  for (const kind of new Set(photos.map((p) => p.kind))) {
    const mine = latencies.filter((l) => l.kind === kind).map((l) => l.ms);
    byKind.set(kind, { p50: percentile(mine, 50), p95: percentile(mine, 95), n: mine.length });
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < photos.length; i = next++) await one(photos[i] as Photo);
  }));
  const seconds = (performance.now() - started) / 1000;
  const all = latencies.map((l) => l.ms);
  return { p50: percentile(all, 50), p95: percentile(all, 95), byKind, throughput: photos.length / seconds, cpuMs: (cpu.user + cpu.system) / 1000 / photos.length };
}

function report(label: string, f: Figures, concurrency: number): string {
  const kinds = [...f.byKind.entries()].map(([kind, k]) => `    ${kind.padEnd(23)} p50 ${k.p50.toFixed(0).padStart(4)} ms  p95 ${k.p95.toFixed(0).padStart(4)} ms  (${k.n} photos)`);
  const mark = (ok: boolean): string => (ok ? 'goal met' : 'goal NOT met');
  return [
    `${label}: one at a time p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms per photo (goal p95 ≤ ${GOALS.p95} ms: ${mark(f.p95 <= GOALS.p95)})`,
    ...kinds,
    `${label}: ${f.throughput.toFixed(2)} photos/s with ${concurrency} in flight (goal ≥ ${GOALS.throughput}: ${mark(f.throughput >= GOALS.throughput)})`,
    `${label}: ${f.cpuMs.toFixed(0)} ms of CPU time per photo (all threads), i.e. at most ${((1000 * os.availableParallelism()) / f.cpuMs).toFixed(1)} photos/s on ${os.availableParallelism()} otherwise idle cores`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { photos: { type: 'string', default: '40' }, concurrency: { type: 'string' } } });
  const env = readProcessEnv();
  const count = Number(values.photos);
  const concurrency = Number(values.concurrency ?? env.PHOTO_WORKER_CONCURRENCY);
  if (!Number.isInteger(count) || count < 4 || !Number.isInteger(concurrency) || concurrency < 1) throw new Error('--photos takes an integer ≥ 4, --concurrency a positive integer');
  const photos = await photoSet(count);
  const load = (): string => os.loadavg().map((v) => v.toFixed(1)).join(' ');
  process.stdout.write(`${count} 1920×1080 JPEGs (exterior ×2, VIN stamp, inspector per transaction); ${os.availableParallelism()} cores, ONNX intra-op threads ${onnxThreads({ ...env, PHOTO_WORKER_CONCURRENCY: concurrency })}; load average ${load()}\n`);
  const cpu = await openRegistry({ ...env, ONNX_EXECUTION_PROVIDER: 'cpu', PHOTO_WORKER_CONCURRENCY: concurrency });
  await cpu.loadAll();
  process.stdout.write(`${report('CPU', await measure(cpu, photos, concurrency, env.PHOTO_MAX_PIXELS), concurrency)}\n`);
  await cpu.release();
  const warnings: string[] = [];
  const cuda = await openRegistry({ ...env, ONNX_EXECUTION_PROVIDER: 'cuda', PHOTO_WORKER_CONCURRENCY: concurrency }, (message) => warnings.push(message));
  await cuda.loadAll();
  if (warnings.length > 0) process.stdout.write(`CUDA: no CUDA provider, not measured (${warnings[0] ?? ''})\n`);
  else process.stdout.write(`${report('CUDA', await measure(cuda, photos, concurrency, env.PHOTO_MAX_PIXELS), concurrency)}\n`);
  await cuda.release();
  // maxRSS is in kilobytes and covers the whole run, native (ONNX Runtime, libvips) memory included.
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`peak RSS ${rssMb.toFixed(0)} MB (goal < ${GOALS.rssMb} MB: ${rssMb < GOALS.rssMb ? 'goal met' : 'goal NOT met'}); load average now ${load()}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
