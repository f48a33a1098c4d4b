/** Draws with their items, the caller's own pending spot checks, and re-verification of a draw. */
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { drawPopulation, drawSample, eligibleReviewers, type DrawInput } from './draw-spot-check.ts';
import { fingerprint } from './sampling.ts';

export interface SpotCheckItemView {
  readonly id: string;
  readonly transactionId: string;
  readonly assigneeId: string;
  readonly status: string;
  readonly result: string | null;
  readonly reason: string | null;
  readonly decidedAt: string | null;
}

export interface DrawView {
  readonly id: string;
  readonly seed: string;
  readonly drawnBy: string;
  readonly drawnAt: string;
  readonly from: string;
  readonly to: string;
  readonly station: string | null;
  readonly type: string | null;
  readonly size: number;
  readonly population: number;
  readonly decided: number;
  readonly items?: SpotCheckItemView[];
}

type DrawRow = Awaited<ReturnType<Database['prisma']['spotCheckDraw']['findFirstOrThrow']>> & { items: Array<{ id: bigint; transactionId: string; assigneeId: bigint; status: string; result: string | null; reason: string | null; decidedAt: Date | null }> };

function view(d: DrawRow, withItems: boolean): DrawView {
  return {
    id: d.id.toString(), seed: d.seed, drawnBy: d.drawnBy, drawnAt: d.drawnAt.toISOString(), from: d.periodFrom.toISOString(), to: d.periodTo.toISOString(),
    station: d.stationCode, type: d.businessType, size: d.sampleSize, population: d.population,
    decided: d.items.filter((i) => i.status === 'DECIDED').length,
    ...(withItems ? {
      items: d.items.map((i) => ({
        id: i.id.toString(), transactionId: i.transactionId, assigneeId: i.assigneeId.toString(), status: i.status,
        result: i.result, reason: i.reason, decidedAt: i.decidedAt?.toISOString() ?? null,
      })),
    } : {}),
  };
}

export async function listDraws(db: Database, limit = 50): Promise<DrawView[]> {
  const draws = await db.prisma.spotCheckDraw.findMany({ orderBy: { id: 'desc' }, take: limit, include: { items: { orderBy: { id: 'asc' } } } });
  return draws.map((d) => view(d, false));
}

export async function getDraw(db: Database, id: bigint): Promise<Result<DrawView>> {
  const d = await db.prisma.spotCheckDraw.findUnique({ where: { id }, include: { items: { orderBy: { id: 'asc' } } } });
  return d ? ok(view(d, true)) : fail('NOT_FOUND', `没有抽查批次 ${id} (no such draw)`);
}

export interface DrawVerification {
  /** The recorded seed, over today's population and reviewers, gives the recorded items. */
  readonly reproduced: boolean;
  readonly populationUnchanged: boolean;
  readonly reviewersUnchanged: boolean;
}

/**
 * Redraws with the recorded seed and parameters. When population and reviewers are what they
 * were (same fingerprints), the same items must come out; otherwise it says which changed.
 */
export async function verifyDraw(db: Database, id: bigint): Promise<Result<DrawVerification>> {
  const found = await getDraw(db, id);
  if (!found.ok) return found;
  const d = found.value;
  const input: DrawInput = { from: d.from, to: d.to, size: d.size, ...(d.station ? { station: d.station } : {}), ...(d.type ? { type: d.type } : {}) };
  const row = await db.prisma.spotCheckDraw.findUniqueOrThrow({ where: { id } });
  const candidates = await drawPopulation(db.prisma, input);
  const pool = await eligibleReviewers(db.prisma);
  const populationUnchanged = fingerprint(candidates.map((c) => c.id)) === row.populationSha256;
  const reviewersUnchanged = fingerprint(pool.map((r) => r.id.toString())) === row.reviewersSha256;
  const redrawn = drawSample(candidates, pool, d.size, d.seed) ?? [];
  const recorded = (d.items ?? []).map((i) => `${i.transactionId}:${i.assigneeId}`);
  const reproduced = JSON.stringify(redrawn.map((i) => `${i.transactionId}:${i.assigneeId}`)) === JSON.stringify(recorded);
  return ok({ reproduced, populationUnchanged, reviewersUnchanged });
}
