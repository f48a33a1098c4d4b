import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ROOT } from '../support/process.ts';
import { EVIDENCE_LABELS } from '../../services/web/pages/alerts/evidence-labels.ts';
import { DETERMINISTIC_POINTS, evidenceKeys, readNdjson, writeTestWorld, type AssessmentLine, type WrittenWorld } from '../support/world.ts';

/** `npm run assess` is how the platform is evaluated from outside: run the real command. */
describe('npm run assess on a simulated world', () => {
  let world: WrittenWorld;
  let out: string;
  let assessments: AssessmentLine[];
  let status: number | null;
  beforeAll(() => {
    world = writeTestWorld(6, 250);
    // One broken line and one invalid transaction: rejected, the run goes on.
    fs.appendFileSync(world.transactions, '{"id": "broken json"\n{"id":"bad-1","version":1}\n');
    out = path.join(world.dir, 'out');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/assess.ts', '--reference', world.reference, '--input', world.transactions, '--out', out], {
      cwd: ROOT, encoding: 'utf8', env: childEnv(), timeout: 240_000,
    });
    status = run.status;
    if (run.status !== 0) throw new Error(`assess failed: ${run.stderr}`);
    assessments = readNdjson<AssessmentLine>(path.join(out, 'assessments.ndjson'));
  });
  afterAll(() => world.dispose());

  it('exits 0 and writes the three files, rejected transactions named with their problems', () => {
    expect(status).toBe(0);
    const rejected = readNdjson<{ line: number; id: string | null; problems: Array<{ path: string }> }>(path.join(out, 'rejected.ndjson'));
    expect(rejected.map((r) => r.id)).toEqual([null, 'bad-1']);
    expect(rejected[1]!.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['type', 'status', 'acceptedAt']));
    expect(JSON.parse(fs.readFileSync(path.join(out, 'intermediaries.json'), 'utf8'))).toBeInstanceOf(Array);
  });

  it('gives one assessment per transaction, in input order, in its final state', () => {
    const lines = fs.readFileSync(world.transactions, 'utf8').split('\n').filter((l) => l.startsWith('{"id":"330'));
    const input = lines.map((l) => JSON.parse(l) as { id: string; version: number });
    expect(assessments.map((a) => a.transactionId)).toEqual([...new Set(input.map((t) => t.id))]);
    const revised = input.filter((t) => t.version > 1);
    expect(revised.length).toBeGreaterThan(0);
    for (const r of revised) expect(assessments.find((a) => a.transactionId === r.id)?.version).toBe(r.version);
  });

  it.each(DETERMINISTIC_POINTS)('%s fires on exactly the transactions the simulator planted for it, and on no clean one', (code) => {
    const expected = new Set(Object.entries(world.truth.expectedDeterministicHits).filter(([, codes]) => codes.includes(code)).map(([id]) => id));
    const fired = new Set(assessments.filter((a) => a.hits.some((h) => h.riskPoint === code)).map((a) => a.transactionId));
    expect([...fired].sort()).toEqual([...expected].sort());
    for (const id of world.truth.planted[code] ?? []) expect(fired.has(id)).toBe(true);
  });

  it('lists suspected intermediaries best first in the contract shape, finding the planted touts and no legitimate proxy', () => {
    const suspects = JSON.parse(fs.readFileSync(path.join(out, 'intermediaries.json'), 'utf8')) as Array<{ idNumber: string; score: number; reasons: string[] }>;
    for (const s of suspects) expect(Object.keys(s).sort()).toEqual(['idNumber', 'phone', 'reasons', 'ringId', 'score']);
    expect(suspects.map((s) => s.score)).toEqual([...suspects.map((s) => s.score)].sort((a, b) => b - a));
    const touts = new Set(world.truth.touts.map((t) => t.idNumber));
    const found = suspects.filter((s) => touts.has(s.idNumber)).length;
    expect(found / touts.size).toBeGreaterThanOrEqual(0.8);
    const legitimate = new Set(world.truth.legitimateProxies.map((p) => p.idNumber));
    expect(suspects.filter((s) => legitimate.has(s.idNumber))).toEqual([]);
  });

  it('fires R21 on transactions of the flagged rings once the detector has run, and leaves nothing pending on it', () => {
    expect(assessments.some((a) => a.hits.some((h) => h.riskPoint === 'R21'))).toBe(true);
    expect(assessments.filter((a) => (a as { pending?: string[] }).pending?.includes('R21'))).toEqual([]);
  });

  it('writes evidence whose every key the workbench shows in Chinese', () => {
    const keys = evidenceKeys(assessments);
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter(([key]) => !(key in EVIDENCE_LABELS)).map(([key, codes]) => `${key} (${[...codes].join(', ')})`)).toEqual([]);
  });

  it('scores by the default formula and raises alerts at 40 or on a ◆ point', () => {
    for (const a of assessments) {
      const score = Math.round(100 * (1 - a.hits.reduce((p, h) => p * (1 - h.weight / 100), 1)));
      expect(Math.abs(a.score - score)).toBeLessThanOrEqual(1);
      const diamond = a.hits.some((h) => ['R05', 'R17', 'R33', 'R40', 'R41'].includes(h.riskPoint));
      expect(a.alert).toBe(a.score >= 40 || diamond);
      expect(a.dualReview).toBe(a.score >= 70 || diamond);
    }
  });
});
