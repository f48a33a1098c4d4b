import { appendAudit } from '../audit/index.ts';
import { ingestTransactions, MAX_BATCH, type AfterCommit, type IngestDeps, type IngestHook } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import type { AppContext } from '../platform/context.ts';
import { createWorld, type SimTransaction, type WorldStream } from '../simulator/index.ts';
import { DEMO_PHOTO_DAYS, demoPhotoOptions, ingestDemoTail } from './demo-photos.ts';
import { seedDemoUsers } from './demo-users.ts';

const DEMO_MARKER = 'demo.world';
/** Small enough to seed in a few seconds on a first start, large enough to look alive. */
const DEMO_DAYS = 10;
const DEMO_PER_DAY = 100;
const DEMO_SEED = 'demo';

interface DemoMarker {
  readonly seed: string;
  readonly start: string;
  readonly days: number;
  readonly transactions: number;
  readonly seededAt: string;
  /**
   * `pending` until the photo days at the end have been ingested in the background; it stays so
   * when a shutdown cut them short (they are not resumed: a later start must not add to a
   * database that may have been used since).
   */
  readonly photos?: 'pending' | 'done';
}

function startDate(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Where the photo days begin: local midnight DEMO_PHOTO_DAYS before the world's end. */
function photosSince(start: string): string {
  const day = new Date(Date.parse(`${start}T00:00:00Z`) + (DEMO_DAYS - DEMO_PHOTO_DAYS) * 86_400_000).toISOString().slice(0, 10);
  return `${day}T00:00:00+08:00`;
}

function demoWorld(start: string): { world: WorldStream; since: string } {
  const since = photosSince(start);
  return { world: createWorld({ days: DEMO_DAYS, seed: DEMO_SEED, start, perDay: DEMO_PER_DAY }, demoPhotoOptions(since)), since };
}

async function readMarker(ctx: AppContext): Promise<DemoMarker | null> {
  const row = await ctx.db.prisma.setting.findUnique({ where: { key: DEMO_MARKER } });
  return row ? (row.value as unknown as DemoMarker) : null;
}

/** Whether this start should seed: an empty embedded database (auto), or when forced. */
async function wanted(ctx: AppContext, marker: DemoMarker | null): Promise<boolean> {
  if (ctx.env.DEMO_WORLD === 'never' || marker) return false;
  if (ctx.env.DEMO_WORLD === 'always') return true;
  return ctx.db.kind === 'pglite' && (await ctx.db.prisma.transaction.count()) === 0;
}

/** Splits the file at the first line of the photo days: the head is ingested now, the tail later. */
function* headOf(world: WorldStream, since: string, tail: SimTransaction[]): Generator<SimTransaction> {
  const sinceMs = Date.parse(since);
  for (const line of world.transactions) {
    if (tail.length > 0 || Date.parse(line.acceptedAt) >= sinceMs) tail.push(line);
    else yield line;
  }
}

/** The photo days, ingested in the background once the platform serves; the marker says when they are done. */
function ingestTailInBackground(ctx: AppContext, deps: IngestDeps, tail: readonly SimTransaction[], world: WorldStream): void {
  const started = performance.now();
  void ingestDemoTail(deps, tail, world.photoJobs, () => ctx.lifecycle.draining).then(async (outcome) => {
    if (!outcome.complete) return;
    await ctx.db.prisma.$transaction(async (tx) => {
      const marker = (await tx.setting.findUnique({ where: { key: DEMO_MARKER } }))?.value as unknown as DemoMarker;
      await tx.setting.update({ where: { key: DEMO_MARKER }, data: { value: { ...marker, transactions: marker.transactions + outcome.transactions, photos: 'done' } } });
      await appendAudit(tx, [{ actor: 'demo', action: 'demo.photos', entityType: 'setting', entityId: DEMO_MARKER, data: { transactions: outcome.transactions, photos: outcome.photos } }]);
    });
    ctx.logger.info({ ...outcome, ms: Math.round(performance.now() - started) }, '演示照片已载入 demo photos ingested (rendered, checks queued)');
  }).catch((error: unknown) => {
    if (ctx.lifecycle.draining) return;
    ctx.logger.warn({ err: error }, 'demo photos not ingested');
  });
}

/**
 * Loads a clearly marked demo world — simulated stations, handlers, dealers, touts and the last
 * ten days of transactions, ingested through the real pipeline by actor `demo` — so that a
 * newcomer's first start shows a living system. The last days carry inspection photos; they are
 * ingested in the background after start (demo-photos.ts). Never on PostgreSQL unless
 * DEMO_WORLD=always.
 */
export async function seedDemoWorldIfWanted(ctx: AppContext, hooks: readonly IngestHook[], afterCommit: readonly AfterCommit[] = []): Promise<void> {
  const deps: IngestDeps = { db: ctx.db, blobs: ctx.blobs, hooks, afterCommit };
  if (!(await wanted(ctx, await readMarker(ctx)))) return;
  const started = performance.now();
  // The demo users first: people can sign in while the transactions load.
  await seedDemoUsers(ctx.db);
  const start = startDate(new Date(), DEMO_DAYS);
  const { world, since } = demoWorld(start);
  const reference = await importReference(ctx.db, world.reference, 'demo');
  if (!reference.ok) throw new Error(`demo reference data refused: ${reference.error.detail}`);
  let batch: unknown[] = [];
  let count = 0;
  const flush = async () => {
    const result = await ingestTransactions(deps, batch, { actor: 'demo', source: 'demo' });
    if (!result.ok) throw new Error(`demo transactions refused: ${result.error.detail}`);
    count += batch.length;
    batch = [];
  };
  const tail: SimTransaction[] = [];
  for (const transaction of headOf(world, since, tail)) {
    batch.push(transaction);
    if (batch.length >= MAX_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await ctx.db.prisma.$transaction(async (tx) => {
    const marker: DemoMarker = { seed: DEMO_SEED, start, days: DEMO_DAYS, transactions: count, seededAt: new Date().toISOString(), photos: 'pending' };
    await tx.setting.create({ data: { key: DEMO_MARKER, value: { ...marker } } });
    await appendAudit(tx, [{ actor: 'demo', action: 'demo.seeded', entityType: 'setting', entityId: DEMO_MARKER, data: { ...marker } }]);
  });
  ctx.logger.info({ transactions: count, start, ms: Math.round(performance.now() - started), photoDaysFrom: since }, '演示数据已载入 demo world seeded (simulated, marked demo); photo days follow in the background');
  ingestTailInBackground(ctx, deps, tail, world);
}
