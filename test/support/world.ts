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

/** Every key of the hits' evidence (keys of listed objects included), by the points that wrote it. */
export function evidenceKeys(assessments: readonly Pick<AssessmentLine, 'hits'>[]): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const add = (key: string, code: string): void => { keys.set(key, (keys.get(key) ?? new Set()).add(code)); };
  for (const { hits } of assessments) {
    for (const hit of hits) {
      for (const [key, value] of Object.entries((hit.evidence ?? {}) as Record<string, unknown>)) {
        add(key, hit.riskPoint);
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) if (item && typeof item === 'object') for (const nested of Object.keys(item)) add(nested, hit.riskPoint);
      }
    }
  }
  return keys;
}
