/**
 * npm run eval:intermediaries [-- --days 30 --per-day 600 --seed eval --tiers easy,medium,hard]
 *
 * For each tier: simulates a world, loads it into an embedded in-memory database, runs the
 * intermediary detector and scores it against the world's truth (issue 5, acceptance 2).
 * Prints precision@50, recall@100, ring recovery and legitimate proxies in the top 100.
 * Configuration comes from the command line only. Exit code 1 when medium misses a goal.
 */
import { pathToFileURL } from 'node:url';
import { readFlags } from './cli-flags.ts';
import { detectIntermediaries, evaluateDetection, loadSimulatedWorld, type Evaluation } from '../services/intermediaries/index.ts';
import { openDatabase } from '../services/platform/db.ts';
import { migrate } from '../services/platform/migrate.ts';
import type { Tier } from '../services/simulator/index.ts';

const USAGE = 'usage: npm run eval:intermediaries -- [--days N] [--per-day N] [--seed S] [--tiers easy,medium,hard]';
const TIERS: readonly Tier[] = ['easy', 'medium', 'hard'];

export interface EvalArgs {
  readonly days: number;
  readonly perDay: number;
  readonly seed: string;
  readonly tiers: Tier[];
}

export function parseArgs(argv: readonly string[]): EvalArgs {
  const values = readFlags(argv, ['days', 'per-day', 'seed', 'tiers']);
  const tiers = (values.get('tiers') ?? TIERS.join(',')).split(',').map((t) => t.trim()) as Tier[];
  for (const t of tiers) if (!TIERS.includes(t)) throw new Error(`unknown tier ${t}`);
  const days = Number(values.get('days') ?? 30);
  const perDay = Number(values.get('per-day') ?? 600);
  if (!Number.isInteger(days) || days < 1) throw new Error('--days must be a positive integer');
  if (!Number.isInteger(perDay) || perDay < 50) throw new Error('--per-day must be an integer of at least 50');
  return { days, perDay, seed: values.get('seed') ?? 'eval', tiers };
}

/** Issue 5 goals on the medium tier. */
export function meetsGoals(e: Evaluation): boolean {
  return e.precisionAt50 >= 0.9 && e.recallAt100 >= 0.85 && e.ringRecovery >= 0.8 && e.legitimateInTop100 <= 2;
}

async function evaluateTier(args: EvalArgs, tier: Tier): Promise<{ evaluation: Evaluation; transactions: number; seconds: number }> {
  const db = await openDatabase({ embeddedDir: 'memory://' });
  try {
    await migrate(db.sql);
    const truth = await loadSimulatedWorld(db, { days: args.days, perDay: args.perDay, seed: args.seed, tier });
    const started = performance.now();
    const result = await detectIntermediaries(db);
    return { evaluation: evaluateDetection(truth, result), transactions: truth.stats.transactions, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.close();
  }
}

const pct = (x: number) => x.toFixed(2).padStart(6);

function line(tier: Tier, r: Awaited<ReturnType<typeof evaluateTier>>): string {
  const e = r.evaluation;
  return `${tier.padEnd(7)}${String(r.transactions).padStart(8)}${String(e.touts).padStart(6)}${String(e.suspects).padStart(9)}`
    + `${pct(e.precisionAt50)}${pct(e.recallAt100)}${pct(e.ringRecovery)}${String(e.legitimateInTop100).padStart(7)}`
    + `${pct(e.colludingHandlerRecall)}${pct(e.colludingHandlerPrecision)}${r.seconds.toFixed(1).padStart(8)}s`;
}

async function main(): Promise<void> {
  let args: EvalArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`worlds: ${args.days} days × ${args.perDay}/weekday, seed ${args.seed}\n`);
  process.stdout.write('tier       txs touts suspects  P@50  R@100 rings legitFP hRecall hPrec  detect\n');
  for (const tier of args.tiers) {
    const r = await evaluateTier(args, tier);
    process.stdout.write(`${line(tier, r)}\n`);
    for (const id of r.evaluation.legitimateFlagged) process.stdout.write(`        legitimate proxy flagged: ${id}\n`);
    if (tier === 'medium' && !meetsGoals(r.evaluation)) process.exitCode = 1;
  }
  process.stdout.write('goals on medium: P@50 ≥ 0.90, R@100 ≥ 0.85, rings ≥ 0.80, legitFP ≤ 2\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
