/**
 * The photo-check job for one transaction version: run the models on each photo that has no
 * finding yet (outside any database transaction: seconds of CPU), then in one short database
 * transaction store the findings with their verdicts, mark undecodable photos UNREADABLE,
 * re-assess the transaction (trigger PHOTOS) and the later transactions that turn out to hold a
 * near-copy of these photos, and audit it. A retry after a crash redoes only what did not
 * commit; a job for a superseded version does nothing (the new version has its own job).
 */
import { appendAudit } from '../../audit/index.ts';
import type { PhotoKind } from '../../domain/index.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import { currentPayloads } from '../../ingest/queries.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Database, Tx } from '../../platform/db.ts';
import type { LaterInputs, ScoringEngine } from '../../risk/engine/scoring-hook.ts';
import type { PhotoFindings } from '../../risk/photo-findings.ts';
import { checkPhoto } from '../check.ts';
import { toPhotoFindings } from '../findings.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { loadPhotoFindings } from './load-findings.ts';
import { withModelTimings } from './model-timing.ts';
import { flagLaterCopies } from './later-copies.ts';
import { findNearDuplicates } from './near-duplicates.ts';
import { storeFindings, type NewFinding } from './store-findings.ts';
import { toStoredFindings, unreadableFindings } from './stored-findings.ts';
import { judgePhoto, type RecordFacts } from './verdict.ts';
import { loadVerdictPolicy } from './verdict-policy.ts';

export interface PhotoCheckDeps {
  readonly db: Database;
  readonly blobs: BlobStore;
  /** The shared model registry, opened once per process. */
  readonly models: () => Promise<ModelRegistry>;
  readonly scoring: ScoringEngine;
  readonly maxPixels: number;
  readonly reviewSlaHours: number;
  /** Seconds the model suite took on one photo (metrics). */
  readonly onPhotoChecked?: (seconds: number, verdict: string) => void;
}

export interface PhotoCheckJob {
  readonly transactionId: string;
  readonly version: number;
}

export type PhotoCheckOutcome = 'checked' | 'stale' | 'already-done';

interface UncheckedPhoto {
  readonly id: bigint;
  readonly position: number;
  readonly kind: PhotoKind;
  readonly sha256: string | null;
  readonly state: string;
  readonly problem: string | null;
}

interface ModelRun {
  readonly photo: UncheckedPhoto;
  readonly findings: PhotoFindings;
  readonly phash: string | null;
  readonly problem: string | null;
  readonly latencyMs: number;
  /** Milliseconds per model on this photo. */
  readonly timings: Record<string, number>;
}

async function uncheckedPhotos(db: Database, job: PhotoCheckJob): Promise<UncheckedPhoto[] | 'stale'> {
  const current = await db.prisma.transaction.findUnique({ where: { id: job.transactionId }, select: { version: true } });
  if (!current || current.version !== job.version) return 'stale';
  const rows = await db.prisma.photo.findMany({
    where: { transactionId: job.transactionId, finding: null },
    orderBy: { position: 'asc' },
    select: { id: true, position: true, kind: true, sha256: true, state: true, problem: true },
  });
  return rows.map((r) => ({ ...r, kind: r.kind as PhotoKind }));
}

async function runModels(deps: PhotoCheckDeps, photo: UncheckedPhoto): Promise<ModelRun> {
  const started = performance.now();
  const bytes = photo.state === 'STORED' && photo.sha256 ? await deps.blobs.get(photo.sha256) : null;
  if (!bytes) {
    const problem = photo.problem ?? '照片文件缺失 (photo bytes not found)';
    return { photo, findings: unreadableFindings(photo.position, photo.kind, photo.sha256), phash: null, problem, latencyMs: 0, timings: {} };
  }
  const registry = await deps.models();
  const { result: report, timings } = await withModelTimings(() => checkPhoto(registry, bytes, { kind: photo.kind, maxPixels: deps.maxPixels }));
  const latencyMs = Math.round(performance.now() - started);
  const problem = report.status === 'UNREADABLE' ? `照片无法解码 (${report.unreadable ?? 'not an image'})` : null;
  return { photo, findings: toPhotoFindings(report, photo.position, photo.kind), phash: report.phash, problem, latencyMs, timings };
}

function recordFacts(payload: { vehicle?: { plate?: string | null; vin?: string | null; color?: string | null } | null } | undefined): RecordFacts {
  const v = payload?.vehicle;
  return { plate: v?.plate ?? null, vin: v?.vin ?? null, color: (v?.color ?? null) as RecordFacts['color'] };
}

export async function checkTransactionPhotos(deps: PhotoCheckDeps, job: PhotoCheckJob): Promise<PhotoCheckOutcome> {
  const unchecked = await uncheckedPhotos(deps.db, job);
  if (unchecked === 'stale') return 'stale';
  const runs: ModelRun[] = [];
  for (const photo of unchecked) runs.push(await runModels(deps, photo));
  const outcome = await deps.db.prisma.$transaction(
    (tx) => commitFindings(tx, deps, job, runs),
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (outcome === 'checked') for (const run of runs) deps.onPhotoChecked?.(run.latencyMs / 1000, run.findings.decodable ? 'READ' : 'UNREADABLE');
  return outcome;
}

async function commitFindings(tx: Tx, deps: PhotoCheckDeps, job: PhotoCheckJob, runs: readonly ModelRun[]): Promise<PhotoCheckOutcome> {
  // Serialised with ingestion and the other re-assessments: one current assessment at a time.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
  const current = await tx.transaction.findUnique({ where: { id: job.transactionId }, select: { version: true, seq: true } });
  if (!current || current.version !== job.version) return 'stale';
  const assessment = await tx.assessment.findFirst({ where: { transactionId: job.transactionId, current: true }, select: { photoChecks: true } });
  const ruleSet = await deps.scoring.rules.get(tx);
  const maxDistance = ruleSet.request.photoHashMaxDistance;
  const record = recordFacts((await currentPayloads(tx, [job.transactionId])).get(job.transactionId));
  const policy = await loadVerdictPolicy(tx);
  const fresh: NewFinding[] = [];
  for (const run of runs) {
    const near = run.phash === null ? [] : await findNearDuplicates(tx, job.transactionId, current.seq, [{ photoIndex: run.photo.position, phash: run.phash, sha256: run.photo.sha256 }], maxDistance);
    const judged = judgePhoto({ ...run.findings, nearDuplicates: near }, record, run.problem, policy);
    fresh.push({
      photoId: run.photo.id, transactionId: job.transactionId, judgement: judged, phash: run.phash, latencyMs: run.latencyMs,
      decodable: run.findings.decodable, problem: run.problem, findings: toStoredFindings(run.findings, run.phash, run.problem),
      reviewDueAt: judged.verdict === 'REVIEW' ? reviewDueAt(deps) : null,
      models: { verdictPolicy: policy.version, timings: run.timings },
    });
  }
  const written = await storeFindings(tx, fresh);
  if (written === 0 && assessment?.photoChecks === 'DONE') return 'already-done';
  const queries = runs.flatMap((r) => (r.phash ? [{ photoIndex: r.photo.position, phash: r.phash, sha256: r.photo.sha256 }] : []));
  const laterIds = await flagLaterCopies(tx, { id: job.transactionId, seq: current.seq, vin: record.vin }, queries, maxDistance, reviewDueAt(deps));
  const findings = await loadPhotoFindings(tx, [job.transactionId, ...laterIds], maxDistance);
  const inputs = new Map<string, LaterInputs>();
  for (const [id, photos] of findings) if (photos !== undefined) inputs.set(id, { photos });
  await deps.scoring.reassess(tx, inputs, 'PHOTOS');
  const verdicts = fresh.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.judgement.verdict]: (acc[f.judgement.verdict] ?? 0) + 1 }), {});
  await appendAudit(tx, [{
    actor: 'system', action: 'photos.checked', entityType: 'transaction', entityId: job.transactionId,
    data: { version: job.version, photos: fresh.length, verdicts, reassessedLater: laterIds },
  }]);
  return 'checked';
}

function reviewDueAt(deps: PhotoCheckDeps): Date {
  return new Date(Date.now() + deps.reviewSlaHours * 3_600_000);
}
