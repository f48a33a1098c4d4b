/**
 * npm run simulate -- --days N --seed S --out DIR [--start 2026-03-01] [--per-day 1000] [--tier easy|medium|hard]
 *                     [--photos [--photo-share F] [--photo-anomalies F]]
 *
 * Writes DIR/reference.json, DIR/transactions.ndjson and DIR/truth.json; with --photos also the
 * rendered inspection photos under DIR/photos/ (named by `path` in the transactions). Configuration
 * comes from the command line only.
 */
import { pathToFileURL } from 'node:url';
import { readFlags } from './cli-flags.ts';
import { writePhotoWorld, writeWorld } from '../services/simulator/index.ts';
import type { PhotoOptions, SimulateOptions, Tier } from '../services/simulator/index.ts';

const USAGE = 'usage: npm run simulate -- --days N --seed S --out DIR [--start YYYY-MM-DD] [--per-day N] [--tier easy|medium|hard] [--photos [--photo-share F] [--photo-anomalies F]]';

/** The photo flags: --photos (no value) turns photos on; the shares need it. */
function photoOptions(photos: boolean, values: ReadonlyMap<string, string>): Partial<PhotoOptions> | undefined {
  const share = values.get('photo-share');
  const anomalies = values.get('photo-anomalies');
  if (!photos && (share !== undefined || anomalies !== undefined)) throw new Error('--photo-share and --photo-anomalies need --photos');
  if (!photos) return undefined;
  const fraction = (name: string, text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`--${name} must be a number from 0 to 1, got "${text}"`);
    return value;
  };
  const shareValue = share === undefined ? undefined : fraction('photo-share', share);
  if (shareValue === 0) throw new Error('--photo-share must be more than 0 (leave out --photos for no photos)');
  return {
    ...(shareValue !== undefined ? { share: shareValue } : {}),
    ...(anomalies !== undefined ? { anomalyShare: fraction('photo-anomalies', anomalies) } : {}),
  };
}

export function parseArgs(argv: readonly string[]): { options: SimulateOptions; out: string; photos?: Partial<PhotoOptions> } {
  const photosOn = argv.includes('--photos');
  const values = readFlags(argv.filter((arg) => arg !== '--photos'), ['days', 'seed', 'out', 'start', 'per-day', 'tier', 'photo-share', 'photo-anomalies']);
  const days = Number(values.get('days'));
  const seed = values.get('seed');
  const out = values.get('out');
  if (!values.has('days') || !Number.isInteger(days)) throw new Error('--days N is required');
  if (seed === undefined || seed === '') throw new Error('--seed S is required');
  if (out === undefined || out === '') throw new Error('--out DIR is required');
  const perDay = values.get('per-day');
  const options: SimulateOptions = {
    days, seed,
    ...(values.has('start') ? { start: values.get('start') } : {}),
    ...(perDay !== undefined ? { perDay: Number(perDay) } : {}),
    ...(values.has('tier') ? { tier: values.get('tier') as Tier } : {}),
  };
  const photos = photoOptions(photosOn, values);
  return { options, out, ...(photos ? { photos } : {}) };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const progress = process.stderr.isTTY ? ({ written, total }: { written: number; total: number }) => process.stderr.write(`\r照片 photos: ${written}/${total}   `) : undefined;
  const truth = parsed.photos ? await writePhotoWorld(parsed.options, parsed.photos, parsed.out, progress) : writeWorld(parsed.options, parsed.out);
  if (progress) process.stderr.write('\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const planted = Object.values(truth.planted).reduce((n, ids) => n + ids.length, 0);
  const photos = truth.photos ? `, ${truth.photos.transactions.length} photo sets with ${Object.keys(truth.photos.anomalies).length} planted photo anomalies` : '';
  process.stdout.write(`wrote ${truth.stats.lines} lines (${truth.stats.transactions} transactions, ${planted} planted hits${photos}) to ${parsed.out} in ${seconds}s\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
