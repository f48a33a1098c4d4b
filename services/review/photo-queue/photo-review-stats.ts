/**
 * How much of the photo work the models do on their own (automation rate: share of checked
 * photos decided without a person), and how fast people work the rest.
 */
import type { Database } from '../../platform/db.ts';

export interface PhotoReviewStats {
  readonly from: string;
  readonly to: string;
  readonly checked: number;
  readonly decidedAutomatically: number;
  readonly sentToReview: number;
  /** decidedAutomatically / checked; null when nothing was checked. */
  readonly automationRate: number | null;
  readonly reviewed: number;
  readonly reviewedOnTime: number;
  readonly waiting: number;
  /** Decisions per hour over the period. */
  readonly throughputPerHour: number;
  readonly medianMinutesToDecision: number | null;
  readonly verdicts: Record<string, number>;
}

export async function photoReviewStats(db: Database, from: Date, to: Date): Promise<PhotoReviewStats> {
  const [checked] = await db.prisma.$queryRawUnsafe<Array<{ checked: bigint; automatic: bigint; sent: bigint; pass: bigint; fail: bigint; review: bigint }>>(
    `SELECT count(*) AS checked,
            count(*) FILTER (WHERE auto_verdict <> 'REVIEW') AS automatic,
            count(*) FILTER (WHERE auto_verdict = 'REVIEW') AS sent,
            count(*) FILTER (WHERE verdict = 'PASS') AS pass,
            count(*) FILTER (WHERE verdict = 'FAIL') AS fail,
            count(*) FILTER (WHERE verdict = 'REVIEW') AS review
       FROM photo_finding WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz`, from.toISOString(), to.toISOString(),
  );
  const [reviews] = await db.prisma.$queryRawUnsafe<Array<{ reviewed: bigint; on_time: bigint; median: number | null }>>(
    `SELECT count(*) AS reviewed,
            count(*) FILTER (WHERE due_at IS NULL OR decided_at <= due_at) AS on_time,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - queued_at) / 60) AS median
       FROM photo_review WHERE decided_at >= $1::timestamptz AND decided_at < $2::timestamptz`, from.toISOString(), to.toISOString(),
  );
  const [waiting] = await db.prisma.$queryRawUnsafe<Array<{ waiting: bigint }>>(
    `SELECT count(*) AS waiting FROM photo_finding f WHERE f.verdict = 'REVIEW' AND NOT EXISTS (SELECT 1 FROM photo_review r WHERE r.photo_id = f.photo_id)`,
  );
  const n = (v: bigint | undefined) => Number(v ?? 0);
  const total = n(checked?.checked);
  const hours = Math.max((to.getTime() - from.getTime()) / 3_600_000, 1 / 60);
  return {
    from: from.toISOString(), to: to.toISOString(),
    checked: total, decidedAutomatically: n(checked?.automatic), sentToReview: n(checked?.sent),
    automationRate: total === 0 ? null : n(checked?.automatic) / total,
    reviewed: n(reviews?.reviewed), reviewedOnTime: n(reviews?.on_time), waiting: n(waiting?.waiting),
    throughputPerHour: n(reviews?.reviewed) / hours,
    medianMinutesToDecision: reviews?.median === null || reviews?.median === undefined ? null : Number(reviews.median),
    verdicts: { PASS: n(checked?.pass), FAIL: n(checked?.fail), REVIEW: n(checked?.review) },
  };
}
