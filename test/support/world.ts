import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorld } from '../../services/simulator/index.ts';
import type { Truth } from '../../services/simulator/index.ts';

/** Points decided without image models or the ring detector: at ingestion, or by the R25 sweep. */
export const DETERMINISTIC_POINTS = [
  'R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16',
  'R17', 'R18', 'R19', 'R20', 'R22', 'R23', 'R24', 'R25', 'R26', 'R27', 'R32', 'R39', 'R40',
] as const;

export interface WrittenWorld {
  readonly dir: string;
  readonly reference: string;
  readonly transactions: string;
  readonly truth: Truth;
  dispose(): void;
}

/** Writes a simulated world to a temporary folder, as `npm run simulate` would. */
export function writeTestWorld(days: number, perDay: number, seed = 'test'): WrittenWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'world-'));
  const truth = writeWorld({ days, seed, perDay }, dir);
  return {
    dir, truth,
    reference: path.join(dir, 'reference.json'),
    transactions: path.join(dir, 'transactions.ndjson'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface AssessmentLine {
  transactionId: string;
  version: number;
  ruleSetVersion: string;
  score: number;
  alert: boolean;
  dualReview: boolean;
  photoChecks: string;
  hits: Array<{ riskPoint: string; weight: number; reason: string; evidence: unknown }>;
}

export function readNdjson<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}
