import { appendAudit } from '../audit/index.ts';
import { ingestTransactions, MAX_BATCH, type AfterCommit, type IngestHook } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import type { AppContext } from '../platform/context.ts';
import { createWorld } from '../simulator/index.ts';
import { seedDemoUsers } from './demo-users.ts';

const DEMO_MARKER = 'demo.world';
/** Small enough to seed in a few seconds on a first start, large enough to look alive. */
const DEMO_DAYS = 10;
const DEMO_PER_DAY = 100;
const DEMO_SEED = 'demo';

function startDate(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether this start should seed: an empty embedded database (auto), or when forced. */
async function wanted(ctx: AppContext): Promise<boolean> {
  if (ctx.env.DEMO_WORLD === 'never') return false;
  if (await ctx.db.prisma.setting.findUnique({ where: { key: DEMO_MARKER } })) return false;
  if (ctx.env.DEMO_WORLD === 'always') return true;
  return ctx.db.kind === 'pglite' && (await ctx.db.prisma.transaction.count()) === 0;
}

/**
 * Loads a clearly marked demo world — simulated stations, handlers, dealers, touts and the last
 * ten days of transactions, ingested through the real pipeline by actor `demo` — so that a
 * newcomer's first start shows a living system. Never on PostgreSQL unless DEMO_WORLD=always.
 */
export async function seedDemoWorldIfWanted(ctx: AppContext, hooks: readonly IngestHook[], afterCommit: readonly AfterCommit[] = []): Promise<void> {
  if (!(await wanted(ctx))) return;
  const started = performance.now();
  const start = startDate(new Date(), DEMO_DAYS);
  const world = createWorld({ days: DEMO_DAYS, seed: DEMO_SEED, start, perDay: DEMO_PER_DAY });
  const reference = await importReference(ctx.db, world.reference, 'demo');
  if (!reference.ok) throw new Error(`demo reference data refused: ${reference.error.detail}`);
  let batch: unknown[] = [];
  let count = 0;
  const flush = async () => {
    const result = await ingestTransactions({ db: ctx.db, blobs: ctx.blobs, hooks, afterCommit }, batch, { actor: 'demo', source: 'demo' });
    if (!result.ok) throw new Error(`demo transactions refused: ${result.error.detail}`);
    count += batch.length;
    batch = [];
  };
  for (const transaction of world.transactions) {
    batch.push(transaction);
    if (batch.length >= MAX_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await seedDemoUsers(ctx.db);
  await ctx.db.prisma.$transaction(async (tx) => {
    const marker = { seed: DEMO_SEED, start, days: DEMO_DAYS, transactions: count, seededAt: new Date().toISOString() };
    await tx.setting.create({ data: { key: DEMO_MARKER, value: marker } });
    await appendAudit(tx, [{ actor: 'demo', action: 'demo.seeded', entityType: 'setting', entityId: DEMO_MARKER, data: marker }]);
  });
  ctx.logger.info({ transactions: count, start, ms: Math.round(performance.now() - started) }, '演示数据已载入 demo world seeded (simulated, marked demo)');
}
