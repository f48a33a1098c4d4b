import { appendAudit } from '../../audit/index.ts';
import { INGEST_LOCK } from '../../ingest/ingest-transactions.ts';
import type { Database, Prisma, Tx } from '../../platform/db.ts';
import type { FlaggedRing } from '../features.ts';
import type { LaterInputs, ScoringEngine } from './scoring-hook.ts';

export const RINGS_KEY = 'rings.flagged';
const REASSESS_BATCH = 1_000;

/** The rings the intermediary detector flagged last; undefined until it has run once (R21 pending). */
export async function readFlaggedRings(tx: Tx): Promise<FlaggedRing[] | undefined> {
  const row = await tx.setting.findUnique({ where: { key: RINGS_KEY } });
  return row ? ((row.value as unknown as { rings?: FlaggedRing[] }).rings ?? []) : undefined;
}

/**
 * The flagged rings as scoring needs them on every batch: only the publication time is read;
 * the (possibly large) ring list is loaded again only after a new publication.
 */
export class RingCache {
  private current: { publishedAt: string; rings: FlaggedRing[] } | null = null;

  /** `publishedAt`: the publication marker read with the others (readCacheMarkers); null when never published. */
  async get(tx: Tx, publishedAt: string | null): Promise<FlaggedRing[] | undefined> {
    if (publishedAt === null) return undefined;
    if (this.current?.publishedAt !== publishedAt) {
      this.current = { publishedAt, rings: (await readFlaggedRings(tx)) ?? [] };
    }
    return this.current.rings;
  }
}

/** Current transactions whose applicant, agent, or either's phone belongs to a flagged ring. */
async function touchedTransactions(tx: Tx, rings: readonly FlaggedRing[]): Promise<string[]> {
  const ids = [...new Set(rings.flatMap((r) => r.memberIdNumbers))];
  const phones = [...new Set(rings.flatMap((r) => r.memberPhones))];
  if (ids.length === 0 && phones.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "transaction" WHERE applicant_key = ANY($1::text[]) OR agent_id_number = ANY($2::text[])
       OR applicant_phone = ANY($3::text[]) OR agent_phone = ANY($3::text[]) ORDER BY seq`,
    ids.map((id) => `P:${id}`), ids, phones,
  );
  return rows.map((r) => r.id);
}

/**
 * Publishes the detector's flagged rings as R21's input. Transactions touching a ring are
 * re-assessed (history kept); for every other current assessment still waiting for the
 * detector, R21 is resolved as not fired — its score cannot change — without a new row.
 * New transactions read these rings when they are scored.
 */
export async function publishRings(db: Database, engine: ScoringEngine, rings: readonly FlaggedRing[]): Promise<{ reassessed: number; resolved: number }> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    const value = { rings, publishedAt: new Date().toISOString() } as unknown as Prisma.InputJsonObject;
    await tx.setting.upsert({ where: { key: RINGS_KEY }, create: { key: RINGS_KEY, value }, update: { value } });
    const touched = await touchedTransactions(tx, rings);
    for (let i = 0; i < touched.length; i += REASSESS_BATCH) {
      const inputs = new Map<string, LaterInputs>(touched.slice(i, i + REASSESS_BATCH).map((id) => [id, { rings }]));
      await engine.reassess(tx, inputs, 'RINGS');
    }
    const resolved = await tx.$executeRawUnsafe(
      `UPDATE assessment SET pending = array_remove(pending, 'R21') WHERE current AND 'R21' = ANY(pending) AND NOT (transaction_id = ANY($1::text[]))`,
      touched,
    );
    await appendAudit(tx, [{ actor: 'system', action: 'rings.published', entityType: 'setting', entityId: RINGS_KEY, data: { rings: rings.length, reassessed: touched.length, resolved } }]);
    return { reassessed: touched.length, resolved };
  }, { timeout: 600_000, maxWait: 60_000 });
}
