import type { MaterialKind } from '../../domain/index.ts';
import { currentPayloads } from '../../ingest/queries.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import type { Database } from '../../platform/db.ts';
import type { LaterInputs, ScoringEngine } from './scoring-hook.ts';

const SWEEP_BATCH = 500;

/**
 * R25: transactions accepted under tolerance whose due time has passed and that no sweep has
 * judged yet are re-assessed with the materials of their current version — the version in
 * force when the sweep runs, which is at (or, live, within a minute after) the due time.
 * `clock` is wall time on the server and the file's own time in `npm run assess`, so a replay
 * judges each case as it stood when it fell due. Returns how many transactions were swept.
 */
export async function sweepTolerance(db: Database, engine: ScoringEngine, clock: Date): Promise<number> {
  let swept = 0;
  for (;;) {
    const count = await db.prisma.$transaction(async (tx) => {
      // Serialised with ingestion, so a revision arriving now is either before or after the judgement.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
      const due = await tx.$queryRawUnsafe<Array<{ id: string; due: Date }>>(
        `SELECT t.id, t.tolerance_due_at AS due FROM "transaction" t
         JOIN assessment a ON a.transaction_id = t.id AND a.current
         WHERE t.tolerance AND t.tolerance_due_at <= $1::timestamptz AND (a.features::jsonb -> 'toleranceSweep') IS NULL
         ORDER BY t.tolerance_due_at, t.id LIMIT ${SWEEP_BATCH}`, clock.toISOString(),
      );
      if (due.length === 0) return 0;
      const payloads = await currentPayloads(tx, due.map((d) => d.id));
      const inputs = new Map<string, LaterInputs>(due.map((d) => [d.id, {
        toleranceSweep: {
          dueAt: new Date(d.due).toISOString(),
          materialKindsAtDue: (payloads.get(d.id)?.materials ?? []).map((m) => m.kind as MaterialKind),
        },
      }]));
      await engine.reassess(tx, inputs, 'SWEEP');
      return due.length;
    }, { timeout: 120_000, maxWait: 60_000 });
    swept += count;
    if (count < SWEEP_BATCH) return swept;
  }
}
