/**
 * A simulated month for the supervision-center tests: the simulator's world ingested through
 * the real pipeline (scored, alerted, R25 swept, rings detected and published for R21), replayed
 * as if it had happened live (alerts raised minutes after acceptance, some decided by two
 * supervisors through the review use cases), plus what the simulator does not produce yet:
 * photo findings and reviewers' photo decisions (plain SQL, in the shapes of migration 0003).
 * The intermediary detector runs its persisted full recompute. Then the dashboards' fact tables
 * are refreshed, as the scheduler does every minute.
 */
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import { createUser } from '../../services/auth/users.ts';
import { ingestTransactions, MAX_BATCH } from '../../services/ingest/ingest-transactions.ts';
import { importReference } from '../../services/ingest/reference-data.ts';
import { runFullRecompute } from '../../services/intermediaries/index.ts';
import type { BlobStore } from '../../services/platform/blob-store.ts';
import type { Database } from '../../services/platform/db.ts';
import { DatabaseQueue } from '../../services/platform/queue/index.ts';
import { decideAlert } from '../../services/review/decide-alert.ts';
import type { ReviewActor } from '../../services/review/review-rules.ts';
import { publishRings } from '../../services/risk/engine/rings.ts';
import { sweepTolerance } from '../../services/risk/engine/tolerance-sweep.ts';
import { createWorld } from '../../services/simulator/index.ts';
import { refreshFacts } from '../../services/supervision/index.ts';

const DAY_MS = 86_400_000;

export interface SimulatedMonth {
  /** First local day of the month (YYYY-MM-DD) and the instants around it a dashboard range covers. */
  readonly start: string;
  readonly from: Date;
  readonly to: Date;
  readonly transactions: number;
}

async function ingestWorld(db: Database, blobs: BlobStore, start: string, perDay: number): Promise<{ count: number; scoring: ReturnType<typeof createScoring> }> {
  const world = createWorld({ days: 30, seed: 'supervision-center', start, perDay });
  const reference = await importReference(db, world.reference, 'test');
  if (!reference.ok) throw new Error(reference.error.detail);
  const scoring = createScoring();
  const deps = { db, blobs, hooks: ingestHooks(scoring) };
  let batch: unknown[] = [];
  let count = 0;
  const flush = async () => {
    const result = await ingestTransactions(deps, batch, { actor: 'test', source: 'file' });
    if (!result.ok) throw new Error(result.error.detail);
    count += batch.length;
    batch = [];
  };
  for (const transaction of world.transactions) {
    batch.push(transaction);
    if (batch.length >= MAX_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await sweepTolerance(db, scoring, new Date());
  return { count, scoring };
}

/** Alerts as if raised live, a few minutes after acceptance (SLA kept relative to creation). */
async function replayAlertsInTime(db: Database): Promise<void> {
  await db.sql.exec(`
    UPDATE alert a SET created_at = t.accepted_at + interval '7 minutes',
                       sla_due_at = t.accepted_at + interval '7 minutes' + (a.sla_due_at - a.created_at)
    FROM "transaction" t WHERE t.id = a.transaction_id`);
}

async function supervisors(db: Database): Promise<ReviewActor[]> {
  const actors: ReviewActor[] = [];
  for (const username of ['grafana-sup-1', 'grafana-sup-2']) {
    const created = await createUser(db, 'test', { username, displayName: username, password: 'supervision-center-test', roles: ['SUPERVISOR'], handlerId: null });
    if (!created.ok) throw new Error(created.error.detail);
    actors.push({ userId: BigInt(created.value.id), username, roles: ['SUPERVISOR'], handlerId: null });
  }
  return actors;
}

/** Every third alert old enough is decided (by both supervisors when it needs dual review) 2–40 h after it was raised. */
async function decideSome(db: Database, now: Date): Promise<void> {
  const [first, second] = await supervisors(db);
  const alerts = await db.prisma.alert.findMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * DAY_MS) } }, orderBy: { id: 'asc' } });
  for (const alert of alerts.filter((a) => a.id % 3n === 0n)) {
    const at = new Date(alert.createdAt.getTime() + Number(2n + (alert.id % 39n)) * 3_600_000);
    const input = { decision: alert.id % 2n === 0n ? 'CONFIRMED' : 'DISMISSED', reason: '核查业务材料与现场照片后确认' };
    for (const actor of alert.dualReview ? [first!, second!] : [first!]) {
      const decided = await decideAlert(db, actor, alert.id, input, at);
      if (!decided.ok) throw new Error(`alert ${alert.id}: ${decided.error.detail}`);
    }
  }
}

/** Two photos for each transaction of the photo-bearing business types, with the models' findings and timings. */
async function seedPhotos(db: Database): Promise<void> {
  await db.sql.exec(`
    INSERT INTO photo (transaction_id, position, kind, sha256, state, taken_at)
    SELECT t.id, k.position, k.kind, md5(t.id || k.kind) || md5(k.kind || t.id), 'STORED', t.accepted_at + interval '5 minutes'
    FROM "transaction" t CROSS JOIN (VALUES (0, 'LEFT_FRONT_45'), (1, 'VIN_RUBBING')) AS k (position, kind)
    WHERE t.type IN ('REG_NEW', 'TRANSFER', 'TRANSFER_OUT', 'CHANGE', 'PLATE_REPLACE')
    ON CONFLICT (transaction_id, position) DO NOTHING`);
  await db.sql.exec(`
    INSERT INTO photo_finding (photo_id, transaction_id, verdict, auto_verdict, reasons, findings, models, latency_ms, review_due_at, created_at)
    SELECT p.id, p.transaction_id, v.verdict, v.verdict, '[]'::jsonb,
           jsonb_build_object(
             'plate', CASE WHEN p.kind = 'LEFT_FRONT_45' THEN jsonb_build_object('text', t.plate, 'confidence', 0.5 + (p.id % 50) / 100.0) END,
             'vin', CASE WHEN p.kind = 'VIN_RUBBING' THEN jsonb_build_object('text', t.vin, 'confidence', 0.6 + (p.id % 40) / 100.0) END),
           jsonb_build_object('policy', 1, 'timings', jsonb_build_object('ppocr-v4-det', 18 + p.id % 25, 'ppocr-v4-rec', 4 + p.id % 9, 'photo-kind', 6 + p.id % 5)),
           250 + (p.id % 400)::int,
           CASE WHEN v.verdict = 'REVIEW' THEN t.accepted_at + interval '4 hours 10 minutes' END,
           t.accepted_at + interval '10 minutes'
    FROM photo p
    JOIN "transaction" t ON t.id = p.transaction_id
    CROSS JOIN LATERAL (SELECT CASE WHEN p.id % 9 = 0 THEN 'REVIEW' WHEN p.id % 13 = 0 THEN 'FAIL' ELSE 'PASS' END AS verdict) AS v
    ON CONFLICT (photo_id) DO NOTHING`);
}

/** A reviewer decides most REVIEW photos (some late); the rest wait in the queue, overdue. */
async function seedPhotoReviews(db: Database): Promise<void> {
  const reviewer = await createUser(db, 'test', { username: 'grafana-reviewer', displayName: '复核员甲', password: 'supervision-center-test', roles: ['REVIEWER'], handlerId: null });
  if (!reviewer.ok) throw new Error(reviewer.error.detail);
  await db.sql.query(`
    INSERT INTO photo_review (photo_id, transaction_id, reviewer_id, verdict, reason, queued_at, due_at, decided_at)
    SELECT f.photo_id, f.transaction_id, $1::bigint, CASE WHEN f.photo_id % 4 = 0 THEN 'FAIL' ELSE 'PASS' END, '核对号牌与车辆识别代号',
           f.created_at, f.review_due_at, f.created_at + (f.photo_id % 7) * interval '1 hour'
    FROM photo_finding f WHERE f.verdict = 'REVIEW' AND f.photo_id % 5 <> 0`, [reviewer.value.id]);
  await db.sql.exec(`UPDATE photo_finding f SET verdict = r.verdict FROM photo_review r WHERE r.photo_id = f.photo_id`);
}

/** The intermediary detector's full recompute over the month (persisted run, suspects, rings, colluding handlers), its rings published for R21. */
async function detectIntermediariesOfMonth(db: Database, scoring: ReturnType<typeof createScoring>): Promise<void> {
  const summary = await runFullRecompute(db, { actor: 'test', publishRings: (rings) => publishRings(db, scoring, rings) });
  if (summary.suspects === 0) throw new Error('the detector found no suspect in the simulated month');
}

/** Seeds the month ending today on an empty, migrated database. */
export async function seedSimulatedMonth(db: Database, blobs: BlobStore, perDay = 160): Promise<SimulatedMonth> {
  const now = new Date();
  const start = new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10);
  const { count, scoring } = await ingestWorld(db, blobs, start, perDay);
  await detectIntermediariesOfMonth(db, scoring);
  await replayAlertsInTime(db);
  await decideSome(db, now);
  await seedPhotos(db);
  await seedPhotoReviews(db);
  await new DatabaseQueue(db.sql).add('photo-checks', 'supervision-month', { transactionId: 'none' });
  await refreshFacts(db);
  await db.sql.exec('ANALYZE');
  return { start, from: new Date(`${start}T00:00:00+08:00`), to: new Date(now.getTime() + DAY_MS), transactions: count };
}
