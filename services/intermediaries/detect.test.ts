import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import type { Truth } from '../simulator/index.ts';
import { detectIntermediaries, evaluateDetection, intermediariesJson, loadSimulatedWorld, toFlaggedRings, type DetectionResult } from './index.ts';

/** A month of a medium-tier world: rotation, a straw identity per ring, clients sent alone. */
const WORLD = { days: 30, perDay: 400, seed: 'intermediaries-test', tier: 'medium' } as const;
const results = new Map<string, DetectionResult>();

describe.each(BACKENDS)('intermediary detection on %s', (kind) => {
  let test: TestDatabase;
  let truth: Truth;
  let result: DetectionResult;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    truth = await loadSimulatedWorld(test.db, WORLD);
    result = await detectIntermediaries(test.db);
    results.set(kind, result);
  }, 240_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('finds the planted touts and rings without flagging legitimate proxies', () => {
    const score = evaluateDetection(truth, result);
    expect(score.recallAt100).toBeGreaterThanOrEqual(0.85);
    expect(score.precisionAt50).toBeGreaterThanOrEqual(0.9);
    expect(score.ringRecovery).toBeGreaterThanOrEqual(0.8);
    expect(score.legitimateInTop100).toBeLessThanOrEqual(2);
  });

  it('names the colluding handlers of the rings and no others', () => {
    const score = evaluateDetection(truth, result);
    expect(score.colludingHandlerRecall).toBeGreaterThanOrEqual(0.8);
    expect(score.colludingHandlerPrecision).toBeGreaterThanOrEqual(0.8);
    for (const ring of result.rings) expect(ring.favouredHandlers.length).toBeGreaterThan(0);
  });

  it('flags no dealer, postal, insurer or fleet clerk and no family proxy', () => {
    const legit = new Set(truth.legitimateProxies.map((p) => p.idNumber));
    expect(result.suspects.filter((s) => legit.has(s.idNumber)).map((s) => s.idNumber)).toEqual([]);
  });

  it('gives every suspect a bounded score and plain-Chinese reasons with numbers, best first', () => {
    expect(result.suspects.length).toBeGreaterThan(0);
    for (const s of result.suspects) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.reasons.every((r) => /[\u4e00-\u9fff]/.test(r) && /\d/.test(r))).toBe(true);
    }
    const scores = result.suspects.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('describes each ring with members, shared identifiers and a timeline', () => {
    for (const ring of result.rings) {
      expect(ring.members.length).toBeGreaterThanOrEqual(2);
      expect(ring.phones.length + ring.bookerAccounts.length).toBeGreaterThan(0);
      expect(ring.transactionCount).toBeGreaterThan(0);
      expect(ring.firstSeen !== null && ring.lastSeen !== null && ring.firstSeen <= ring.lastSeen).toBe(true);
      for (const m of ring.members) expect(result.suspects.find((s) => s.idNumber === m)?.ringId).toBe(ring.ringId);
    }
  });

  it('writes intermediaries.json exactly per interchange.md §6 and rings for R21', () => {
    const lines = intermediariesJson(result);
    expect(lines.length).toBe(result.suspects.length);
    for (const line of lines) expect(Object.keys(line)).toEqual(['idNumber', 'phone', 'score', 'ringId', 'reasons']);
    const flagged = toFlaggedRings(result);
    expect(flagged.map((r) => r.ringId)).toEqual(result.rings.map((r) => r.ringId));
    for (const ring of flagged) expect(ring.memberPhones.length).toBeGreaterThan(0);
  });

  it('is deterministic: the same data gives the same result', async () => {
    expect(JSON.stringify(await detectIntermediaries(test.db))).toBe(JSON.stringify(result));
  });

  it('returns nothing for a window before any transaction', async () => {
    const empty = await detectIntermediaries(test.db, { asOf: new Date('2020-01-01T00:00:00Z') });
    expect(empty.suspects).toEqual([]);
    expect(empty.rings).toEqual([]);
  });
});

describe('intermediary detection across back ends', () => {
  it('gives identical results on PGlite and PostgreSQL', () => {
    const [a, b] = BACKENDS.map((k) => results.get(k));
    expect(a && b).toBeTruthy();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
