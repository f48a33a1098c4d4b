/**
 * A remote reviewer decides a photo the models sent to people. The decision, the photo's new
 * verdict, the transaction's re-assessment (a photo passed by a person leaves the model-content
 * points) and the audit entry commit together.
 */
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import { loadPhotoFindings } from '../../photos/pipeline/index.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import type { ScoringEngine } from '../../risk/engine/scoring-hook.ts';
import { linkedToCase, reasonProblem, refuse, type ReviewActor } from '../review-rules.ts';

export const PHOTO_DECISIONS = ['PASS', 'FAIL'] as const;
export type PhotoDecisionVerdict = (typeof PHOTO_DECISIONS)[number];

export const decidePhotoInput = z.strictObject({ verdict: z.enum(PHOTO_DECISIONS), reason: z.string().max(2000) });

export interface PhotoDecision {
  readonly photoId: string;
  readonly transactionId: string;
  readonly verdict: PhotoDecisionVerdict;
  readonly score: number | null;
  readonly alert: boolean | null;
}

interface LockedFinding {
  verdict: string; transaction_id: string; created_at: Date; review_due_at: Date | null;
  handler_id: string; approver_id: string | null; reviewed: boolean;
}

async function lockFinding(tx: Tx, photoId: bigint): Promise<LockedFinding | undefined> {
  const rows = await tx.$queryRawUnsafe<LockedFinding[]>(
    `SELECT f.verdict, f.transaction_id, f.created_at, f.review_due_at, t.handler_id, t.approver_id,
            EXISTS (SELECT 1 FROM photo_review r WHERE r.photo_id = f.photo_id) AS reviewed
       FROM photo_finding f JOIN "transaction" t ON t.id = f.transaction_id
      WHERE f.photo_id = $1::bigint FOR UPDATE OF f`, photoId.toString(),
  );
  return rows[0];
}

async function reassessAfterDecision(tx: Tx, scoring: ScoringEngine, transactionId: string): Promise<{ score: number; alert: boolean } | null> {
  const ruleSet = await scoring.rules.get(tx);
  const photos = (await loadPhotoFindings(tx, [transactionId], ruleSet.request.photoHashMaxDistance)).get(transactionId);
  if (photos === undefined) return null;
  const [assessed] = await scoring.reassess(tx, new Map([[transactionId, { photos }]]), 'PHOTOS');
  return assessed ? { score: assessed.result.score, alert: assessed.result.alert } : null;
}

export async function decidePhoto(
  deps: { db: Database; scoring: ScoringEngine }, actor: ReviewActor, photoId: bigint, input: unknown, now = new Date(),
): Promise<Result<PhotoDecision>> {
  const parsed = decidePhotoInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '结论须为 PASS 或 FAIL，并附理由 (verdict and reason required)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  if (!actor.roles.includes('REVIEWER')) return refuse('REVIEWER_ROLE_REQUIRED');
  const reason = parsed.data.reason.trim();
  const short = reasonProblem(reason);
  if (short) return short;
  return deps.db.prisma.$transaction(async (tx) => {
    // Serialised with ingestion and the photo jobs: one current assessment at a time.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const finding = await lockFinding(tx, photoId);
    if (!finding) return fail('NOT_FOUND', `没有照片 ${photoId} 的识别结果 (no findings for photo ${photoId})`);
    if (finding.reviewed) return refuse('PHOTO_ALREADY_DECIDED');
    if (finding.verdict !== 'REVIEW') return refuse('PHOTO_NOT_IN_REVIEW');
    if (linkedToCase(actor.handlerId, { handlerId: finding.handler_id, approverId: finding.approver_id })) return refuse('NOT_LINKED_TO_HANDLER');
    const { verdict } = parsed.data;
    await tx.photoReview.create({
      data: {
        photoId, transactionId: finding.transaction_id, reviewerId: actor.userId, verdict, reason,
        queuedAt: finding.created_at, dueAt: finding.review_due_at, decidedAt: now,
      },
    });
    await tx.photoFinding.update({ where: { photoId }, data: { verdict } });
    const assessment = await reassessAfterDecision(tx, deps.scoring, finding.transaction_id);
    await appendAudit(tx, [{
      actor: actor.username, action: 'photo.reviewed', entityType: 'photo', entityId: photoId.toString(),
      data: { transactionId: finding.transaction_id, verdict, reason, userId: actor.userId.toString(), onTime: finding.review_due_at === null || now <= finding.review_due_at },
    }], now);
    return ok({ photoId: photoId.toString(), transactionId: finding.transaction_id, verdict, score: assessment?.score ?? null, alert: assessment?.alert ?? null });
  }, { timeout: 60_000, maxWait: 30_000 });
}
