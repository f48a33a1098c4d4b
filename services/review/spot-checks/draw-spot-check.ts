/**
 * 双随机: a supervisor draws a random sample of the transactions that raised no alert (period,
 * station, business type, size), each assigned to a randomly drawn reviewer — an active
 * SUPERVISOR or SENIOR_SUPERVISOR not linked to its handler or approver. Audited with the seed.
 */
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { isSupervisor, linkedToCase, refuse, SUPERVISOR_ROLES, type ReviewActor } from '../review-rules.ts';
import { fingerprint, newSeed, sample, seededRandom } from './sampling.ts';

export const drawInput = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  station: z.string().min(1).max(64).optional(),
  type: z.string().min(1).max(32).optional(),
  size: z.number().int().min(1).max(500),
  /** Given: redraw exactly (e.g. to prove a past draw); absent: a fresh random seed. */
  seed: z.string().min(1).max(64).optional(),
}).refine((d) => Date.parse(d.from) < Date.parse(d.to), { path: ['to'], message: 'to must be after from' });

export type DrawInput = z.infer<typeof drawInput>;

export interface DrawnItem {
  readonly transactionId: string;
  readonly assigneeId: string;
}

export interface Draw {
  readonly drawId: string;
  readonly seed: string;
  readonly population: number;
  readonly populationSha256: string;
  readonly reviewersSha256: string;
  readonly items: DrawnItem[];
}

export interface Candidate { id: string; handler_id: string; approver_id: string | null }
export interface Reviewer { id: bigint; handler_id: string | null }

/** Transactions of the period that raised no alert, in a fixed order. */
export async function drawPopulation(tx: Tx, input: DrawInput): Promise<Candidate[]> {
  const params: unknown[] = [input.from, input.to];
  const filters = ['t.accepted_at >= $1::timestamptz', 't.accepted_at < $2::timestamptz', 'NOT EXISTS (SELECT 1 FROM alert a WHERE a.transaction_id = t.id)'];
  if (input.station) { params.push(input.station); filters.push(`t.station_code = $${params.length}`); }
  if (input.type) { params.push(input.type); filters.push(`t.type = $${params.length}`); }
  return tx.$queryRawUnsafe<Candidate[]>(
    `SELECT t.id, t.handler_id, t.approver_id FROM "transaction" t
      JOIN assessment s ON s.transaction_id = t.id AND s.current AND NOT s.alert
     WHERE ${filters.join(' AND ')} ORDER BY t.id`, ...params,
  );
}

export async function eligibleReviewers(tx: Tx): Promise<Reviewer[]> {
  const users = await tx.user.findMany({ where: { active: true, roles: { hasSome: [...SUPERVISOR_ROLES] } }, orderBy: { id: 'asc' }, select: { id: true, handlerId: true } });
  return users.map((u) => ({ id: u.id, handler_id: u.handlerId }));
}

/** Picks the sample and a reviewer for each; null when some drawn transaction has nobody eligible. */
export function drawSample(candidates: readonly Candidate[], pool: readonly Reviewer[], size: number, seed: string): DrawnItem[] | null {
  const random = seededRandom(seed);
  const items: DrawnItem[] = [];
  for (const t of sample(candidates, size, random)) {
    const eligible = pool.filter((r) => !linkedToCase(r.handler_id, { handlerId: t.handler_id, approverId: t.approver_id }));
    const [chosen] = sample(eligible, 1, random);
    if (!chosen) return null;
    items.push({ transactionId: t.id, assigneeId: chosen.id.toString() });
  }
  return items;
}

export async function drawSpotCheck(db: Database, actor: ReviewActor, input: unknown, now = new Date()): Promise<Result<Draw>> {
  if (!isSupervisor(actor.roles)) return refuse('SUPERVISOR_ROLE_REQUIRED');
  const parsed = drawInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '抽查条件不合规 (draw parameters invalid)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  const d = parsed.data;
  const seed = d.seed ?? newSeed();
  return db.prisma.$transaction(async (tx) => {
    const candidates = await drawPopulation(tx, d);
    const pool = await eligibleReviewers(tx);
    const items = drawSample(candidates, pool, d.size, seed);
    if (items === null || (candidates.length > 0 && pool.length === 0)) return refuse('NO_ELIGIBLE_USER');
    const populationSha256 = fingerprint(candidates.map((c) => c.id));
    const reviewersSha256 = fingerprint(pool.map((r) => r.id.toString()));
    const draw = await tx.spotCheckDraw.create({
      data: {
        seed, drawnBy: actor.username, drawnAt: now, periodFrom: new Date(d.from), periodTo: new Date(d.to), stationCode: d.station ?? null,
        businessType: d.type ?? null, sampleSize: d.size, population: candidates.length, populationSha256, reviewersSha256,
      },
    });
    await tx.spotCheckItem.createMany({ data: items.map((i) => ({ drawId: draw.id, transactionId: i.transactionId, assigneeId: BigInt(i.assigneeId) })) });
    await appendAudit(tx, [{
      actor: actor.username, action: 'spot-check.drawn', entityType: 'spot_check_draw', entityId: draw.id.toString(),
      data: { seed, from: d.from, to: d.to, station: d.station ?? null, type: d.type ?? null, size: d.size, population: candidates.length, populationSha256, reviewersSha256, items },
    }], now);
    return ok({ drawId: draw.id.toString(), seed, population: candidates.length, populationSha256, reviewersSha256, items });
  }, { timeout: 60_000 });
}
