/**
 * The photo review queue on both back ends: what the models sent to people is listed by SLA,
 * a REVIEWER decides it with a reason, every rule refuses by name, the decision re-assesses the
 * transaction (a person's PASS clears the model-content point), and the automation rate counts it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring } from '../../app/wiring.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { loadPhotoFindings } from '../../photos/pipeline/index.ts';
import { storeFindings, type NewFinding } from '../../photos/pipeline/store-findings.ts';
import { toStoredFindings, unreadableFindings } from '../../photos/pipeline/stored-findings.ts';
import { judgePhoto } from '../../photos/pipeline/verdict.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import type { Database } from '../../platform/db.ts';
import type { ScoringEngine } from '../../risk/engine/scoring-hook.ts';
import type { PhotoFindings } from '../../risk/photo-findings.ts';
import type { ReviewActor } from '../review-rules.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../../test/support/fixtures.ts';
import { decidePhoto, getPhotoCase, listPhotoQueue, photoReviewStats } from './index.ts';

const HOUR = 3_600_000;

/** An inspector photo in which the detector found nobody (R37), as the models would report it. */
function inspectorNobody(index: number): PhotoFindings {
  return {
    ...unreadableFindings(index, 'INSPECTOR_WITH_VEHICLE', null), decodable: true,
    quality: { width: 1920, height: 1080, blur: 0.2, exposure: 0.5, bounds: null }, persons: [],
  };
}

/** Stores model findings for a transaction's photos and re-assesses it, as the photo job does. */
async function checkWith(db: Database, scoring: ScoringEngine, id: string, findings: PhotoFindings[], queuedAt: Date): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const photos = await tx.photo.findMany({ where: { transactionId: id }, orderBy: { position: 'asc' } });
    const rows: NewFinding[] = photos.map((p, i) => {
      const f = { ...findings[i]!, sha256: p.sha256 };
      const judgement = judgePhoto(f, { plate: null, vin: null, color: null }, null);
      return {
        photoId: p.id, transactionId: id, judgement, findings: toStoredFindings(f, null, null), phash: null, decodable: true, problem: null,
        latencyMs: 100, reviewDueAt: judgement.verdict === 'REVIEW' ? new Date(queuedAt.getTime() + 4 * HOUR) : null, models: {},
      };
    });
    await storeFindings(tx, rows);
    await tx.photoFinding.updateMany({ where: { transactionId: id }, data: { createdAt: queuedAt } });
    const loaded = (await loadPhotoFindings(tx, [id], 6)).get(id)!;
    await scoring.reassess(tx, new Map([[id, { photos: loaded }]]), 'PHOTOS');
  });
}

describe.each(BACKENDS)('photo review queue on %s', (backend) => {
  let database: TestDatabase;
  let scoring: ScoringEngine;
  let blobDir: string;
  const reviewer = (overrides: Partial<ReviewActor> = {}): ReviewActor => ({ userId: 0n, username: 'r1', roles: ['REVIEWER'], handlerId: null, ...overrides });
  let reviewerId: bigint;
  let otherReviewerId: bigint;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    const db = database.db;
    scoring = createScoring();
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-queue-'));
    expect((await importReference(db, sampleReference(), 'test')).ok).toBe(true);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } }).png().toBuffer();
    const photo = { kind: 'INSPECTOR_WITH_VEHICLE', data: png.toString('base64') };
    const txs = ['PQ-1', 'PQ-2', 'PQ-3'].map((id) => sampleTransaction({ id, photos: [photo] }));
    const stored = await ingestTransactions({ db, blobs: new LocalBlobStore(blobDir), hooks: [scoring.hook] }, txs, { actor: 'test', source: 'api' });
    expect(stored.ok).toBe(true);
    const now = Date.now();
    await checkWith(db, scoring, 'PQ-1', [inspectorNobody(0)], new Date(now - 5 * HOUR));
    await checkWith(db, scoring, 'PQ-2', [inspectorNobody(0)], new Date(now - 3.5 * HOUR));
    await checkWith(db, scoring, 'PQ-3', [{ ...inspectorNobody(0), persons: [{ confidence: 0.93 }] }], new Date(now - HOUR));
    const mk = (username: string) => db.prisma.user.create({ data: { username, displayName: username, passwordHash: 'x', roles: ['REVIEWER'] } });
    reviewerId = (await mk('pq-reviewer')).id;
    otherReviewerId = (await mk('pq-reviewer2')).id;
  }, 60_000);

  afterAll(async () => {
    await database?.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  const photoIdOf = async (id: string) => (await database.db.prisma.photo.findFirstOrThrow({ where: { transactionId: id } })).id;
  const hitsOf = async (id: string) => (await database.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } })).hits.filter((h) => h.outcome === 'hit').map((h) => h.riskPoint);

  it('lists the photos sent to people, most urgent first, with SLA states and counts', async () => {
    const queue = await listPhotoQueue(database.db, { limit: 50 });
    expect(queue.items.map((i) => i.transactionId)).toEqual(['PQ-1', 'PQ-2']);
    expect(queue.items.map((i) => i.slaState)).toEqual(['BREACHED', 'NEAR_BREACH']);
    expect(queue.counts).toEqual({ waiting: 2, nearBreach: 1, breached: 1 });
    expect(queue.items[0]?.reasons).toEqual(['未检出查验员']);
  });

  it('refuses by rule: role, reason, a photo not in review, a reviewer linked to the handler', async () => {
    const pq1 = await photoIdOf('PQ-1');
    const rule = (r: Awaited<ReturnType<typeof decidePhoto>>) => (r.ok ? 'ok' : r.error.extensions?.rule ?? r.error.code);
    expect(rule(await decidePhoto({ db: database.db, scoring }, reviewer({ roles: ['SUPERVISOR'] }), pq1, { verdict: 'PASS', reason: '查验员在画面左侧' }))).toBe('REVIEWER_ROLE_REQUIRED');
    expect(rule(await decidePhoto({ db: database.db, scoring }, reviewer({ userId: reviewerId }), pq1, { verdict: 'PASS', reason: '可' }))).toBe('REASON_TOO_SHORT');
    expect(rule(await decidePhoto({ db: database.db, scoring }, reviewer({ userId: reviewerId }), await photoIdOf('PQ-3'), { verdict: 'PASS', reason: '查验员在画面左侧' }))).toBe('PHOTO_NOT_IN_REVIEW');
    expect(rule(await decidePhoto({ db: database.db, scoring }, reviewer({ userId: reviewerId, handlerId: 'H10023' }), pq1, { verdict: 'PASS', reason: '查验员在画面左侧' }))).toBe('NOT_LINKED_TO_HANDLER');
    expect(rule(await decidePhoto({ db: database.db, scoring }, reviewer({ userId: reviewerId }), pq1, { verdict: 'MAYBE', reason: '查验员在画面左侧' }))).toBe('VALIDATION_FAILED');
  });

  it('a PASS re-assesses the transaction: the person overrules the detector (R37 gone), audited', async () => {
    expect(await hitsOf('PQ-1')).toContain('R37');
    const pq1 = await photoIdOf('PQ-1');
    const decided = await decidePhoto({ db: database.db, scoring }, reviewer({ userId: reviewerId }), pq1, { verdict: 'PASS', reason: '查验员在画面左侧，遮挡' });
    expect(decided.ok).toBe(true);
    expect(await hitsOf('PQ-1')).not.toContain('R37');
    expect((await database.db.prisma.photoFinding.findUniqueOrThrow({ where: { photoId: pq1 } })).verdict).toBe('PASS');
    const audit = await database.db.prisma.auditEntry.findFirst({ where: { action: 'photo.reviewed', entityId: pq1.toString() } });
    expect(audit?.data).toMatchObject({ verdict: 'PASS', transactionId: 'PQ-1', onTime: false });
    const again = await decidePhoto({ db: database.db, scoring }, reviewer({ userId: otherReviewerId, username: 'r2' }), pq1, { verdict: 'FAIL', reason: '重新判断为不合格' });
    expect(again.ok ? 'ok' : again.error.extensions?.rule).toBe('PHOTO_ALREADY_DECIDED');
  });

  it('a FAIL keeps the point and leaves the queue; the case shows the decision', async () => {
    const decided = await decidePhoto({ db: database.db, scoring }, reviewer({ userId: otherReviewerId, username: 'r2' }), await photoIdOf('PQ-2'), { verdict: 'FAIL', reason: '画面中无查验员' });
    expect(decided.ok).toBe(true);
    expect(await hitsOf('PQ-2')).toContain('R37');
    expect((await listPhotoQueue(database.db, { limit: 50 })).counts.waiting).toBe(0);
    const found = await getPhotoCase(database.db, 'PQ-2');
    expect(found.ok && found.value.photos[0]).toMatchObject({ verdict: 'FAIL', autoVerdict: 'REVIEW', review: { verdict: 'FAIL', reviewer: 'pq-reviewer2' } });
  });

  it('counts the automation rate and the reviewers\' throughput', async () => {
    const stats = await photoReviewStats(database.db, new Date(Date.now() - 24 * HOUR), new Date(Date.now() + HOUR));
    expect(stats).toMatchObject({ checked: 3, decidedAutomatically: 1, sentToReview: 2, reviewed: 2, reviewedOnTime: 1, waiting: 0 });
    expect(stats.automationRate).toBeCloseTo(1 / 3, 5);
  });
});
