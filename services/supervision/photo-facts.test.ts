/**
 * supervision.photo_checks on both back ends, through the real writers: findings stored and the
 * transaction re-assessed as the photo job does, a reviewer's decision (decidePhoto), a revision
 * that moves the transaction to another station and replaces its photos. After each refresh the
 * fact rows equal what the platform's tables say now.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring } from '../app/wiring.ts';
import { ingestTransactions } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import { loadPhotoFindings } from '../photos/pipeline/index.ts';
import { storeFindings, type NewFinding } from '../photos/pipeline/store-findings.ts';
import { toStoredFindings, unreadableFindings } from '../photos/pipeline/stored-findings.ts';
import { judgePhoto } from '../photos/pipeline/verdict.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import type { ScoringEngine } from '../risk/engine/scoring-hook.ts';
import type { PhotoFindings } from '../risk/photo-findings.ts';
import { decidePhoto } from '../review/photo-queue/index.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../test/support/fixtures.ts';
import { refreshFacts, refreshPhotoCheckFacts } from './index.ts';

const HOUR = 3_600_000;

const LIVE = `
  SELECT f.photo_id::text AS photo_id, f.transaction_id, t.station_code, t.type AS business_type, p.kind AS photo_kind,
         f.created_at AS checked_at, f.auto_verdict, f.verdict, f.latency_ms, r.reviewer_id::text AS reviewer_id,
         r.verdict AS review_verdict, r.decided_at
  FROM photo_finding f JOIN photo p ON p.id = f.photo_id JOIN "transaction" t ON t.id = f.transaction_id
  LEFT JOIN photo_review r ON r.photo_id = f.photo_id
  ORDER BY f.photo_id`;
const LIVE_MODEL_TIMES = `
  SELECT f.photo_id::text AS photo_id, m.key AS model, f.created_at AS checked_at, (m.value #>> '{}')::double precision AS ms
  FROM photo_finding f CROSS JOIN LATERAL jsonb_each(f.models -> 'timings') AS m
  WHERE f.created_at >= now() - interval '7 days' ORDER BY 1, 2`;
const MODEL_TIMES = 'SELECT photo_id::text AS photo_id, model, checked_at, ms FROM supervision.photo_model_times ORDER BY 1, 2';
const FACTS = `
  SELECT photo_id::text AS photo_id, transaction_id, station_code, business_type, photo_kind, checked_at, auto_verdict, verdict, latency_ms,
         reviewer_id::text AS reviewer_id, review_verdict, decided_at
  FROM supervision.photo_checks ORDER BY photo_id`;

/** Inspector photos: one where the detector found nobody (REVIEW, R37), one with the inspector and the plate read (PASS). */
function inspector(index: number, found: boolean): PhotoFindings {
  return {
    ...unreadableFindings(index, 'INSPECTOR_WITH_VEHICLE', null), decodable: true,
    quality: { width: 1920, height: 1080, blur: 0.2, exposure: 0.5, bounds: null }, persons: found ? [{ confidence: 0.93 }] : [],
    plate: found ? { value: '浙A12345', confidence: 0.91 } : null,
  };
}

describe.each(BACKENDS)('supervision.photo_checks refresh on %s', (kind) => {
  let test: TestDatabase;
  let blobDir: string;
  let scoring: ScoringEngine;
  let reviewerId: bigint;
  let photo: { kind: string; data: string };

  const ingest = async (transactions: unknown[]) => {
    const result = await ingestTransactions({ db: test.db, blobs: new LocalBlobStore(blobDir), hooks: [scoring.hook] }, transactions, { actor: 'test', source: 'api' });
    if (!result.ok) throw new Error(result.error.detail);
  };
  /** Stores the models' findings and re-assesses the transaction in one database transaction, as the photo job does. */
  const check = async (id: string, found: boolean[], checkedAt: Date) => test.db.prisma.$transaction(async (tx) => {
    const photos = await tx.photo.findMany({ where: { transactionId: id }, orderBy: { position: 'asc' } });
    const rows: NewFinding[] = photos.map((p, i) => {
      const findings = { ...inspector(i, found[i]!), sha256: p.sha256 };
      const judgement = judgePhoto(findings, { plate: null, vin: null, color: null }, null);
      return {
        photoId: p.id, transactionId: id, judgement, findings: toStoredFindings(findings, null, null), phash: null, decodable: true, problem: null,
        latencyMs: 120 + i, reviewDueAt: judgement.verdict === 'REVIEW' ? new Date(checkedAt.getTime() + 4 * HOUR) : null,
        models: { verdictPolicy: 1, timings: { 'ppocr-v4-det': 20 + i, 'photo-kind': 5.5 } },
      };
    });
    await storeFindings(tx, rows);
    await tx.photoFinding.updateMany({ where: { transactionId: id }, data: { createdAt: checkedAt } });
    const loaded = (await loadPhotoFindings(tx, [id], 6)).get(id)!;
    await scoring.reassess(tx, new Map([[id, { photos: loaded }]]), 'PHOTOS');
  });
  const photoIds = async (id: string) => (await test.db.prisma.photo.findMany({ where: { transactionId: id }, orderBy: { position: 'asc' } })).map((p) => p.id);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    scoring = createScoring();
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-facts-'));
    expect((await importReference(test.db, sampleReference(), 'test')).ok).toBe(true);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } }).png().toBuffer();
    photo = { kind: 'INSPECTOR_WITH_VEHICLE', data: png.toString('base64') };
    reviewerId = (await test.db.prisma.user.create({ data: { username: 'facts-reviewer', displayName: '复核员乙', passwordHash: 'x', roles: ['REVIEWER'] } })).id;
  }, 60_000);
  afterAll(async () => {
    await test?.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  it('copies each checked photo with its transaction dimensions, models verdict and OCR confidences', async () => {
    await ingest(['PF-1', 'PF-2', 'PF-3'].map((id, i) => sampleTransaction({ id, type: i === 1 ? 'CHANGE' : 'TRANSFER', photos: i === 0 ? [photo, photo] : [photo] })));
    await refreshFacts(test.db);
    expect(await test.db.sql.query(FACTS)).toEqual([]); // nothing checked yet
    await check('PF-1', [false, true], new Date(Date.now() - 6 * HOUR));
    await check('PF-2', [true], new Date(Date.now() - 5 * HOUR));
    await check('PF-3', [true], new Date(Date.now() - 8 * 24 * HOUR));
    const { photoChecks } = await refreshFacts(test.db);
    expect(photoChecks.facts).toBe(4);
    const facts = await test.db.sql.query<{ transaction_id: string; verdict: string; station_code: string }>(FACTS);
    expect(facts).toEqual(await test.db.sql.query(LIVE));
    expect(facts.map((f) => [f.transaction_id, f.verdict])).toEqual([['PF-1', 'REVIEW'], ['PF-1', 'PASS'], ['PF-2', 'PASS'], ['PF-3', 'PASS']]);
    expect(facts.every((f) => f.station_code === '330100-DMV-01')).toBe(true);
    const ocr = await test.db.sql.query<{ plate_confidence: number | null; vin_confidence: number | null }>('SELECT plate_confidence, vin_confidence FROM supervision.photo_checks ORDER BY photo_id');
    expect(ocr.slice(0, 2)).toEqual([{ plate_confidence: null, vin_confidence: null }, { plate_confidence: 0.91, vin_confidence: null }]);
  });

  it('keeps model times of the last week only (PF-3 was checked 8 days ago)', async () => {
    const times = await test.db.sql.query<{ photo_id: string }>(MODEL_TIMES);
    expect(times).toHaveLength(6);
    expect(times).toEqual(await test.db.sql.query(LIVE_MODEL_TIMES));
    const [pf3] = await photoIds('PF-3');
    expect(times.some((t) => t.photo_id === pf3!.toString())).toBe(false);
  });

  it('writes nothing when nothing was assessed since, and gives the same rows when a range is applied again', async () => {
    const before = await test.db.sql.query(FACTS);
    expect((await refreshPhotoCheckFacts(test.db)).facts).toBe(0);
    await test.db.sql.exec("UPDATE supervision.fact_watermark SET last_id = 0 WHERE name = 'photo_checks'");
    expect((await refreshPhotoCheckFacts(test.db)).facts).toBe(4);
    expect(await test.db.sql.query(FACTS)).toEqual(before);
    expect(await test.db.sql.query(MODEL_TIMES)).toEqual(await test.db.sql.query(LIVE_MODEL_TIMES));
  });

  it('a reviewer deciding later changes the row: verdict, decision, waiting time, lateness', async () => {
    const [queued] = await photoIds('PF-1');
    const decided = await decidePhoto({ db: test.db, scoring }, { userId: reviewerId, username: 'facts-reviewer', roles: ['REVIEWER'], handlerId: null }, queued!, { verdict: 'FAIL', reason: '画面中没有查验员' });
    expect(decided.ok).toBe(true);
    const stale = await test.db.sql.query<{ verdict: string }>('SELECT verdict FROM supervision.photo_checks WHERE photo_id = $1', [queued!.toString()]);
    expect(stale[0]!.verdict).toBe('REVIEW'); // the table follows at the next refresh
    await refreshFacts(test.db);
    expect(await test.db.sql.query(FACTS)).toEqual(await test.db.sql.query(LIVE));
    const [row] = await test.db.sql.query<{ verdict: string; auto_verdict: string; review_verdict: string; hours_waited: number; decided_late: boolean; reviewer: string }>(`
      SELECT c.verdict, c.auto_verdict, c.review_verdict, c.hours_waited, c.decided_late, u.reviewer
      FROM supervision.photo_checks c LEFT JOIN supervision.reviewers u ON u.reviewer_id = c.reviewer_id WHERE c.photo_id = $1`, [queued!.toString()]);
    expect(row).toMatchObject({ verdict: 'FAIL', auto_verdict: 'REVIEW', review_verdict: 'FAIL', decided_late: true, reviewer: '复核员乙' });
    expect(row!.hours_waited).toBeGreaterThan(5.9);
  });

  it('a revision to another station replaces the photos: their rows go, the new checks come with the new station', async () => {
    const old = await photoIds('PF-1');
    await ingest([sampleTransaction({ id: 'PF-1', version: 2, stationCode: '330100-BR-02', photos: [photo] })]);
    await refreshFacts(test.db);
    const between = await test.db.sql.query<{ photo_id: string; transaction_id: string }>(FACTS);
    expect(between.map((f) => f.transaction_id)).toEqual(['PF-2', 'PF-3']);
    await check('PF-1', [true], new Date());
    await refreshFacts(test.db);
    const after = await test.db.sql.query<{ photo_id: string; transaction_id: string; station_code: string }>(FACTS);
    expect(after).toEqual(await test.db.sql.query(LIVE));
    expect(await test.db.sql.query(MODEL_TIMES)).toEqual(await test.db.sql.query(LIVE_MODEL_TIMES));
    expect(after.find((f) => f.transaction_id === 'PF-1')).toMatchObject({ station_code: '330100-BR-02' });
    expect(after.some((f) => old.map(String).includes(f.photo_id))).toBe(false);
    const [mark] = await test.db.sql.query<{ last_id: string; max: string }>("SELECT w.last_id::text AS last_id, (SELECT max(id) FROM assessment)::text AS max FROM supervision.fact_watermark w WHERE name = 'photo_checks'");
    expect(mark!.last_id).toBe(mark!.max);
  });

  it('prunes model times once they are a week old, at the next refresh whatever it touches', async () => {
    await test.db.sql.exec("UPDATE supervision.photo_model_times SET checked_at = checked_at - interval '7 days' WHERE transaction_id = 'PF-2'");
    await ingest([sampleTransaction({ id: 'PF-4' })]);
    await refreshFacts(test.db);
    const left = await test.db.sql.query<{ transaction_id: string }>('SELECT DISTINCT transaction_id FROM supervision.photo_model_times ORDER BY 1');
    expect(left.map((r) => r.transaction_id)).toEqual(['PF-1']);
  });
});
