/**
 * npm run simulate -- --days N --seed S --out DIR [--start 2026-03-01] [--per-day 1000] [--tier easy|medium|hard]
 *
 * Writes DIR/reference.json, DIR/transactions.ndjson and DIR/truth.json. Configuration comes
 * from the command line only.
 */
import { pathToFileURL } from 'node:url';
import { readFlags } from './cli-flags.ts';
import { writeWorld } from '../services/simulator/index.ts';
import type { SimulateOptions, Tier } from '../services/simulator/index.ts';

const USAGE = 'usage: npm run simulate -- --days N --seed S --out DIR [--start YYYY-MM-DD] [--per-day N] [--tier easy|medium|hard]';

export function parseArgs(argv: readonly string[]): { options: SimulateOptions; out: string } {
  const values = readFlags(argv, ['days', 'seed', 'out', 'start', 'per-day', 'tier']);
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
  return { options, out };
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const truth = writeWorld(parsed.options, parsed.out);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const planted = Object.values(truth.planted).reduce((n, ids) => n + ids.length, 0);
  process.stdout.write(`wrote ${truth.stats.lines} lines (${truth.stats.transactions} transactions, ${planted} planted hits) to ${parsed.out} in ${seconds}s\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
