/**
 * npm run bench:photos -- [--photos N] [--concurrency C]
 *
 * Latency of the full photo check suite per 1920×1080 JPEG (p50/p95, one at a time), throughput
 * with C photos in flight (the worker concurrency), and the process's peak RSS; then the same
 * on the CUDA provider when this machine has one. Photos are rendered vehicle scenes with a
 * camera timestamp strip, checked as LEFT_FRONT_45 (detector, recogniser, plate grammar).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { readProcessEnv } from '../services/platform/env.ts';
import { checkPhoto, openRegistry, type ModelRegistry } from '../services/photos/index.ts';
import { renderScene } from '../services/photos/render/scene.ts';

interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly throughput: number;
}

async function timestamped(seed: number): Promise<Buffer> {
  const scene = await renderScene(seed);
  const strip = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="48"><rect width="100%" height="100%" fill="black" fill-opacity="0.6"/>` +
      `<text x="1480" y="36" font-size="34" fill="#ffb000" font-family="DejaVu Sans Mono">2026-03-${String(1 + (seed % 28)).padStart(2, '0')} 10:15:00</text></svg>`,
  );
  return sharp(scene).composite([{ input: strip, left: 0, top: 1032 }]).jpeg({ quality: 85 }).toBuffer();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function measure(registry: ModelRegistry, photos: readonly Buffer[], concurrency: number, maxPixels: number): Promise<Figures> {
  const one = (bytes: Buffer): Promise<unknown> => checkPhoto(registry, bytes, { kind: 'LEFT_FRONT_45', maxPixels });
  await one(photos[0] ?? Buffer.alloc(0)); // warm-up: first runs allocate the sessions' arenas
  const latencies: number[] = [];
  for (const bytes of photos) {
    const started = performance.now();
    await one(bytes);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < photos.length) await one(photos[next++] ?? Buffer.alloc(0));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), throughput: photos.length / seconds };
}

function line(label: string, f: Figures, concurrency: number): string {
  return `${label}: p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms per photo; ${f.throughput.toFixed(2)} photos/s with ${concurrency} in flight`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { photos: { type: 'string', default: '40' }, concurrency: { type: 'string' } } });
  const env = readProcessEnv();
  const count = Number(values.photos);
  const concurrency = Number(values.concurrency ?? env.WORKER_CONCURRENCY);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(concurrency) || concurrency < 1) throw new Error('--photos and --concurrency take positive integers');
  const photos = await Promise.all(Array.from({ length: count }, (_, i) => timestamped(i + 1)));
  process.stdout.write(`${count} rendered 1920×1080 JPEGs, kind LEFT_FRONT_45, ONNX threads ${env.ONNX_THREADS || 'auto'}\n`);
  const cpu = await openRegistry({ ...env, ONNX_EXECUTION_PROVIDER: 'cpu' });
  await cpu.loadAll();
  process.stdout.write(`${line('CPU', await measure(cpu, photos, concurrency, env.PHOTO_MAX_PIXELS), concurrency)}\n`);
  await cpu.release();
  const warnings: string[] = [];
  const cuda = await openRegistry({ ...env, ONNX_EXECUTION_PROVIDER: 'cuda' }, (message) => warnings.push(message));
  await cuda.loadAll();
  if (warnings.length > 0) process.stdout.write(`CUDA: not measured, ${warnings[0] ?? ''}\n`);
  else process.stdout.write(`${line('CUDA', await measure(cuda, photos, concurrency, env.PHOTO_MAX_PIXELS), concurrency)}\n`);
  await cuda.release();
  // maxRSS is in kilobytes and covers the whole run, native (ONNX Runtime, libvips) memory included.
  process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
