/** Recent detection runs (use case), newest first: what ran, for whom, how long, what it found. */
import type { Database } from '../../platform/db.ts';

export interface RunView {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly asOf: string | null;
  readonly windowDays: number;
  readonly personsTouched: number;
  readonly suspects: number;
  readonly rings: number;
  readonly colludingHandlers: number;
  readonly links: number;
  readonly timings: unknown;
  readonly error: string | null;
}

export async function listRuns(db: Database, kind: 'FULL' | 'INCREMENTAL' | 'RINGS' = 'FULL', limit = 20): Promise<RunView[]> {
  const rows = await db.prisma.intermediaryRun.findMany({ where: { kind }, orderBy: { id: 'desc' }, take: Math.min(Math.max(limit, 1), 200) });
  return rows.map((r) => ({
    id: r.id.toString(), kind: r.kind, status: r.status, requestedBy: r.requestedBy, startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null, asOf: r.asOf?.toISOString() ?? null, windowDays: r.windowDays, personsTouched: r.personsTouched,
    suspects: r.suspects, rings: r.rings, colludingHandlers: r.colludingHandlers, links: r.links, timings: r.timings, error: r.error,
  }));
}
