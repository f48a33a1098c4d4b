/**
 * The photo pipeline end to end on both back ends: real models on rendered photos, findings
 * stored once, UNREADABLE → R28, a re-encoded copy on another vehicle → R33 whichever of the two
 * is checked first, a distinct photo of the same kind → no R33, and a retried job changes nothing.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring } from '../../app/wiring.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { renderScene } from '../render/scene.ts';
import { renderVinPhoto } from '../render/vin-photo.ts';
import { testRegistry } from '../testing/registry.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../../test/support/fixtures.ts';
import { checkTransactionPhotos, type PhotoCheckDeps } from './check-transaction.ts';
import { drainPhotoChecks } from './jobs.ts';
import { timedRegistry } from './model-timing.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const VIN_A = 'LSVAU218XN2183294';
const VIN_B = 'LFV2A21K6M4042417';
const VIN_C = 'LGBF5AE04JR012345';

/** What a tout does to an old photo: re-encode smaller, brighten, stamp a date strip on it. */
async function disguise(photo: Buffer): Promise<Buffer> {
  const strip = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect x="1100" y="840" width="480" height="44" fill="#000" opacity="0.6"/><text x="1115" y="872" font-family="DejaVu Sans Mono" font-size="30" fill="#ff0">2026-03-05 10:21:07</text></svg>');
  return sharp(photo).resize(1600, 900).modulate({ brightness: 1.12 }).composite([{ input: strip }]).jpeg({ quality: 72 }).toBuffer();
}

const b64 = (bytes: Buffer): string => bytes.toString('base64');

describe.each(BACKENDS)('photo pipeline on %s', (backend) => {
  let database: TestDatabase;
  let registry: ModelRegistry;
  let deps: PhotoCheckDeps;
  let blobDir: string;
  const observed: Array<[string, number]> = [];

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    registry = await testRegistry();
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'photos-'));
    const blobs = new LocalBlobStore(blobDir);
    const scoring = createScoring();
    const timed = timedRegistry(registry, (modelId, seconds) => observed.push([modelId, seconds]));
    deps = { db: database.db, blobs, models: async () => timed, scoring, maxPixels: 50_000_000, reviewSlaHours: 4 };
    expect((await importReference(database.db, sampleReference(), 'test')).ok).toBe(true);
    const scene = await renderScene(11);
    const truncated = (await renderScene(12)).subarray(0, 4_000);
    const txs = [
      sampleTransaction({ id: 'PH-A', vehicle: { plate: '浙A12345', vin: VIN_A, vehicleType: 'K33', color: 'WHITE' }, photos: [
        { kind: 'LEFT_FRONT_45', data: b64(scene) },
        { kind: 'VIN_RUBBING', data: b64(await renderVinPhoto(VIN_A, 3, 'rubbing')) },
      ] }),
      sampleTransaction({ id: 'PH-B', vehicle: { plate: '浙A54321', vin: VIN_B, vehicleType: 'K33', color: 'WHITE' }, photos: [
        { kind: 'LEFT_FRONT_45', data: b64(await disguise(scene)) },
        { kind: 'INSPECTOR_WITH_VEHICLE', data: b64(truncated) },
      ] }),
      sampleTransaction({ id: 'PH-C', vehicle: { plate: '浙A67890', vin: VIN_C, vehicleType: 'K33', color: 'WHITE' }, photos: [
        { kind: 'LEFT_FRONT_45', data: b64(await renderScene(13)) },
      ] }),
    ];
    const ingested = await ingestTransactions({ db: database.db, blobs, hooks: [scoring.hook] }, txs, { actor: 'test', source: 'api' });
    expect(ingested.ok && ingested.value.every((r) => r.outcome === 'created')).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await registry?.release();
    await database?.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  const current = (id: string) => database.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } });
  const hitCodes = async (id: string) => (await current(id)).hits.filter((h) => h.outcome === 'hit').map((h) => h.riskPoint);

  it('waits for the photos before judging the photo points', async () => {
    expect((await current('PH-B')).photoChecks).toBe('PENDING');
    expect((await current('PH-B')).pending).toContain('R33');
  });

  it('checks the later copy first, then the original: R33 on the copy only', async () => {
    expect(await checkTransactionPhotos(deps, { transactionId: 'PH-B', version: 1 })).toBe('checked');
    expect(await checkTransactionPhotos(deps, { transactionId: 'PH-A', version: 1 })).toBe('checked');
    const b = await current('PH-B');
    expect(b.photoChecks).toBe('DONE');
    expect(b.trigger).toBe('PHOTOS');
    const r33 = b.hits.find((h) => h.riskPoint === 'R33');
    expect(r33?.outcome).toBe('hit');
    expect(r33?.evidence).toMatchObject({ matches: [expect.objectContaining({ otherTransactionId: 'PH-A', sameSha256: false })] });
    expect(await hitCodes('PH-A')).not.toContain('R33');
  }, 120_000);

  it('records the undecodable photo as UNREADABLE, raises R28 for it and still judges the rest', async () => {
    const photos = await database.db.prisma.photo.findMany({ where: { transactionId: 'PH-B' }, orderBy: { position: 'asc' }, include: { finding: true } });
    expect(photos.map((p) => p.state)).toEqual(['STORED', 'UNREADABLE']);
    expect(photos[1]?.finding?.verdict).toBe('FAIL');
    expect(photos[0]?.finding?.verdict).toBe('REVIEW');
    expect(photos[0]?.finding?.reasons).toEqual(expect.arrayContaining([expect.stringContaining('PH-A')]));
    const r28 = (await current('PH-B')).hits.find((h) => h.riskPoint === 'R28');
    expect(r28?.outcome).toBe('hit');
    expect(r28?.evidence).toMatchObject({ unreadableKinds: ['INSPECTOR_WITH_VEHICLE'] });
  });

  it('reads the VIN and stores the §5 findings with the pHash bands', async () => {
    const vin = await database.db.prisma.photoFinding.findFirstOrThrow({ where: { transactionId: 'PH-A', photo: { kind: 'VIN_RUBBING' } } });
    expect(vin.findings).toMatchObject({ vin: { text: VIN_A, box: { left: expect.any(Number), top: expect.any(Number), width: expect.any(Number), height: expect.any(Number) } } });
    expect(vin.band0).not.toBeNull();
    expect(vin.autoVerdict).toBe(vin.verdict);
    // Each model's time on this photo is recorded with the finding and told to the metrics.
    const timings = (vin.models as { timings: Record<string, number> }).timings;
    expect(Object.keys(timings)).toEqual(expect.arrayContaining(['ppocr-v4-det', 'ppocr-v4-rec']));
    expect(Object.values(timings).every((ms) => ms > 0)).toBe(true);
    expect([...new Set(observed.map(([id]) => id))]).toEqual(expect.arrayContaining(['ppocr-v4-det', 'ppocr-v4-rec']));
  });

  it('does not flag a distinct photo of the same kind', async () => {
    expect(await drainPhotoChecks(deps, 2)).toMatchObject({ checked: 1 });
    expect(await hitCodes('PH-C')).not.toContain('R33');
    expect((await current('PH-C')).photoChecks).toBe('DONE');
  }, 120_000);

  it('a retried job changes nothing: no second finding, assessment or audit entry', async () => {
    const count = async () => [await database.db.prisma.photoFinding.count(), await database.db.prisma.assessment.count(), await database.db.prisma.auditEntry.count()];
    const before = await count();
    expect(await checkTransactionPhotos(deps, { transactionId: 'PH-B', version: 1 })).toBe('already-done');
    expect(await checkTransactionPhotos(deps, { transactionId: 'PH-B', version: 0 })).toBe('stale');
    expect(await count()).toEqual(before);
  });
});
