import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { importReference } from '../../ingest/reference-data.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { createWorld, type SimTransaction } from '../../simulator/index.ts';
import { detectIntermediaries } from '../detect.ts';
import { rescoreDeferred } from '../incremental/deferred.ts';
import { intermediariesIngestHook } from '../incremental/ingest-hook.ts';
import { ingestSimulated } from '../simulated-world.ts';
import type { DetectionResult } from '../types.ts';
import { runFullRecompute, type RecomputeSummary } from './run-recompute.ts';

/** A medium world; the last part arrives after the first full run, through the incremental hook. */
const WORLD = { days: 24, perDay: 300, seed: 'recompute-test', tier: 'medium' } as const;
const LATE_SHARE = 0.3;
/** The bulk batch touches more agents than this, so its rescoring is deferred. */
const BULK_INLINE_AGENTS = 30;

/** Evidence an incremental update must reproduce exactly (the handler-affinity fields depend on the stored shares). */
function comparable(evidence: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(evidence).filter(([k]) => !k.startsWith('topHandler')));
}

describe.each(BACKENDS)('full recompute and incremental updates on %s', (kind) => {
  let test: TestDatabase;
  let late: SimTransaction[];
  let first: RecomputeSummary;
  let detected: DetectionResult;
  let published: FlaggedRing[] | null = null;
  let pendingBefore = 0;
  let deferred = 0;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const world = createWorld(WORLD);
    const reference = await importReference(test.db, world.reference, 'test');
    expect(reference.ok).toBe(true);
    const all = [...world.transactions];
    const split = Math.floor(all.length * (1 - LATE_SHARE));
    await ingestSimulated(test.db, all.slice(0, split));
    first = await runFullRecompute(test.db, { actor: 'tester', publishRings: async (rings) => { published = rings; } });
    detected = await detectIntermediaries(test.db);
    late = all.slice(split);
    const half = Math.floor(late.length / 2);
    // Small batches (rescored inside each batch), then one bulk batch touching more agents than
    // the hook rescores inline (rescored afterwards by the scheduler's task).
    await ingestSimulated(test.db, late.slice(0, half), [intermediariesIngestHook('tester')], 20);
    await ingestSimulated(test.db, late.slice(half), [intermediariesIngestHook('tester', BULK_INLINE_AGENTS)], 1_000);
    pendingBefore = await test.db.prisma.intermediaryRun.count({ where: { kind: 'INCREMENTAL', status: 'RUNNING' } });
    deferred = await rescoreDeferred(test.db);
  }, 300_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('stores the detection as the current suspects, rings and colluding handlers, and publishes the rings', async () => {
    expect(first.suspects).toBe(detected.suspects.length);
    expect(first.rings).toBe(detected.rings.length);
    expect(first.rings).toBeGreaterThan(0);
    const rings = await test.db.prisma.intermediaryRing.findMany({ orderBy: { ringId: 'asc' } });
    expect(rings.map((r) => r.ringId)).toEqual(detected.rings.map((r) => r.ringId).sort());
    for (const ring of rings) {
      expect(ring.memberCount).toBe(ring.members.length);
      expect(ring.score).toBeGreaterThanOrEqual(45);
      expect((ring.sharedIdentifiers as unknown[]).length).toBeGreaterThan(0);
    }
    const handlers = await test.db.prisma.colludingHandler.findMany();
    expect(handlers.map((h) => h.handlerId).sort()).toEqual(detected.colludingHandlers.map((h) => h.handlerId).sort());
    for (const h of handlers) expect(h.significance).toBeGreaterThan(1);
    expect(await test.db.prisma.intermediaryHandlerShare.count()).toBeGreaterThan(10);
    expect(published?.map((r) => r.ringId)).toEqual(detected.rings.map((r) => r.ringId));
  });

  it('records the run and audits who ran it, when, and what it found', async () => {
    const run = await test.db.prisma.intermediaryRun.findUniqueOrThrow({ where: { id: BigInt(first.runId) } });
    expect(run).toMatchObject({ kind: 'FULL', status: 'DONE', requestedBy: 'tester', suspects: first.suspects, rings: first.rings });
    expect(run.finishedAt).not.toBeNull();
    const entry = await test.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'intermediaries.recomputed', entityId: first.runId } });
    expect(entry.actor).toBe('tester');
    expect(entry.data).toMatchObject({ kind: 'FULL', suspects: first.suspects, rings: first.rings });
  });

  it('rescores small batches inside them and defers a bulk batch to the scheduler', async () => {
    expect(pendingBefore).toBe(1);
    expect(deferred).toBeGreaterThan(BULK_INLINE_AGENTS);
    const runs = await test.db.prisma.intermediaryRun.findMany({ where: { kind: 'INCREMENTAL' } });
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.every((r) => r.status === 'DONE' && r.finishedAt !== null)).toBe(true);
  });

  it('rescores the agents a late transaction touches exactly as a full recompute would', async () => {
    const touched = new Set(late.map((t) => t.agent?.idNumber).filter((a): a is string => typeof a === 'string'));
    const fresh = await detectIntermediaries(test.db);
    const rows = await test.db.prisma.intermediarySuspect.findMany({ where: { idNumber: { in: [...touched] } } });
    expect(rows.length).toBeGreaterThan(0);
    const freshById = new Map(fresh.suspects.map((s) => [s.idNumber, s]));
    let compared = 0;
    for (const row of rows) {
      const again = freshById.get(row.idNumber);
      if (!again) continue;
      expect(comparable(row.evidence as Record<string, unknown>), row.idNumber).toEqual(comparable(again.evidence));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    // Every suspect a fresh run finds among the touched agents outside any ring is also a stored suspect.
    const stored = new Set(rows.map((r) => r.idNumber));
    const missing = fresh.suspects.filter((s) => touched.has(s.idNumber) && s.ringId === null && !stored.has(s.idNumber));
    expect(missing.map((s) => s.idNumber)).toEqual([]);
  });

  it('annotates the ingestion audit entries of rescored agents with the incremental run', async () => {
    const entries = await test.db.prisma.auditEntry.findMany({ where: { action: 'transaction.ingested', entityId: { in: late.map((t) => t.id) } } });
    expect(entries.some((e) => typeof (e.data as { intermediaryRun?: string }).intermediaryRun === 'string')).toBe(true);
  });
});
