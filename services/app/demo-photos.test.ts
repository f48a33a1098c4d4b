import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { ingestTransactions, type IngestDeps } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import { readExif } from '../photos/exif.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import { createWorld, type SimTransaction } from '../simulator/index.ts';
import { demoPhotoOptions, ingestDemoTail } from './demo-photos.ts';

const SINCE = '2026-03-02T15:00:00+08:00';

/** A small demo-like world: the head before SINCE, the photo tail from it (three photo sets). */
function smallWorld() {
  const world = createWorld({ days: 1, seed: 'demo-photos-test', start: '2026-03-02', perDay: 50 }, { ...demoPhotoOptions(SINCE), maxSets: 3 });
  const head: SimTransaction[] = [];
  const tail: SimTransaction[] = [];
  for (const line of world.transactions) (tail.length > 0 || Date.parse(line.acceptedAt) >= Date.parse(SINCE) ? tail : head).push(line);
  return { world, head, tail };
}

describe.each(BACKENDS)('demo photo days on %s', (kind) => {
  let test: TestDatabase;
  let blobDir: string;
  let deps: IngestDeps;
  const { world, head, tail } = smallWorld();
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-photos-'));
    deps = { db: test.db, blobs: new LocalBlobStore(blobDir) };
    expect((await importReference(test.db, world.reference, 'demo')).ok).toBe(true);
    const result = await ingestTransactions(deps, head, { actor: 'demo', source: 'demo' });
    expect(result.ok).toBe(true);
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  it('stops between lines when asked, having stored nothing of the tail', async () => {
    const outcome = await ingestDemoTail(deps, tail, world.photoJobs, () => true);
    expect(outcome).toEqual({ transactions: 0, photos: 0, complete: false });
    expect(await test.db.prisma.transaction.count()).toBe(new Set(head.map((l) => l.id)).size);
  });

  it('ingests the tail in file order with its photos inline, stored as blobs carrying their EXIF', async () => {
    const declared = tail.reduce((n, l) => n + l.photos.length, 0);
    expect(declared).toBeGreaterThan(0);
    const outcome = await ingestDemoTail(deps, tail, world.photoJobs, () => false);
    expect(outcome).toEqual({ transactions: tail.length, photos: declared, complete: true });
    expect(await test.db.prisma.transaction.count()).toBe(new Set([...head, ...tail].map((l) => l.id)).size);
    const photos = await test.db.prisma.photo.findMany({ select: { sha256: true, state: true, kind: true, transactionId: true } });
    const current = new Map(tail.map((l) => [l.id, l]));
    expect(photos).toHaveLength([...current.values()].reduce((n, l) => n + l.photos.length, 0));
    expect(photos.every((p) => p.state === 'STORED' && p.sha256 !== null)).toBe(true);
    const withExif = await Promise.all(photos.map(async (p) => readExif((await deps.blobs.get(p.sha256!))!)));
    expect(withExif.filter((e) => e?.takenAt).length).toBeGreaterThan(0);
  }, 120_000);
});
