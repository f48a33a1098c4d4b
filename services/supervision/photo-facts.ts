/**
 * supervision.photo_checks (migration 0007): one row per photo the models checked, with its
 * transaction's station and business type, the verdicts, OCR confidences and the reviewer's
 * decision; supervision.photo_model_times: each model's time on each photo of the last week.
 * A chunk of assessments replaces the rows of the transactions they assessed: every writer of
 * what the rows copy re-assesses the transaction in the same database transaction (the photo job
 * storing findings or flagging later copies, a reviewer deciding, a revision replacing the
 * photos), so a change is picked up at the next refresh after it commits.
 */
import type { Tx } from '../platform/db.ts';
import type { FactTable } from './fact-refresh.ts';

/** How far back supervision.photo_model_times reaches (the panel shows the last 3 days). */
export const MODEL_TIMES_DAYS = 7;

async function replaceChecks(tx: Tx, from: bigint, to: bigint): Promise<number> {
  await tx.$executeRaw`
    DELETE FROM supervision.photo_checks f USING assessment a
    WHERE a.id > ${from} AND a.id <= ${to} AND f.transaction_id = a.transaction_id`;
  return tx.$executeRaw`
    INSERT INTO supervision.photo_checks (photo_id, transaction_id, station_code, business_type, photo_kind, checked_at, auto_verdict, verdict,
      latency_ms, plate_confidence, vin_confidence, review_due_at, reviewer_id, review_verdict, decided_at, hours_waited, decided_late)
    SELECT f.photo_id, f.transaction_id, t.station_code, t.type, p.kind, f.created_at, f.auto_verdict, f.verdict, f.latency_ms,
           CASE WHEN jsonb_typeof(f.findings #> '{plate,confidence}') = 'number' THEN (f.findings #>> '{plate,confidence}')::double precision END,
           CASE WHEN jsonb_typeof(f.findings #> '{vin,confidence}') = 'number' THEN (f.findings #>> '{vin,confidence}')::double precision END,
           f.review_due_at, r.reviewer_id, r.verdict, r.decided_at,
           EXTRACT(EPOCH FROM (r.decided_at - r.queued_at)) / 3600.0,
           CASE WHEN r.photo_id IS NOT NULL THEN r.due_at IS NOT NULL AND r.decided_at > r.due_at END
    FROM (SELECT DISTINCT transaction_id FROM assessment WHERE id > ${from} AND id <= ${to}) a
    JOIN photo_finding f ON f.transaction_id = a.transaction_id
    JOIN photo p ON p.id = f.photo_id
    JOIN "transaction" t ON t.id = f.transaction_id
    LEFT JOIN photo_review r ON r.photo_id = f.photo_id
    ON CONFLICT (photo_id) DO NOTHING`;
}

/** One row per model and photo of the last MODEL_TIMES_DAYS from models.timings ({"model id": milliseconds}); older rows go. */
async function replaceModelTimes(tx: Tx, from: bigint, to: bigint): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM supervision.photo_model_times f USING assessment a
    WHERE a.id > ${from} AND a.id <= ${to} AND f.transaction_id = a.transaction_id`;
  await tx.$executeRaw`
    DELETE FROM supervision.photo_model_times WHERE checked_at < now() - make_interval(days => ${MODEL_TIMES_DAYS})`;
  await tx.$executeRaw`
    INSERT INTO supervision.photo_model_times (photo_id, model, transaction_id, checked_at, ms)
    SELECT f.photo_id, m.key, f.transaction_id, f.created_at, (m.value #>> '{}')::double precision
    FROM (SELECT DISTINCT transaction_id FROM assessment WHERE id > ${from} AND id <= ${to}) a
    JOIN photo_finding f ON f.transaction_id = a.transaction_id
    CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(f.models -> 'timings') = 'object' THEN f.models -> 'timings' ELSE '{}'::jsonb END) AS m
    WHERE jsonb_typeof(m.value) = 'number' AND f.created_at >= now() - make_interval(days => ${MODEL_TIMES_DAYS})
    ON CONFLICT (photo_id, model) DO NOTHING`;
}

/** supervision.photo_checks and supervision.photo_model_times, under one watermark; counts photo rows. */
export const PHOTO_CHECKS: FactTable = {
  name: 'photo_checks',
  async applyChunk(tx: Tx, from: bigint, to: bigint): Promise<number> {
    const written = await replaceChecks(tx, from, to);
    await replaceModelTimes(tx, from, to);
    return written;
  },
};
