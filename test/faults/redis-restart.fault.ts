/**
 * Redis dies in the middle of a run (SHUTDOWN NOSAVE on a private server) and comes back: the API
 * keeps ingesting meanwhile, the photo-check queue resumes, and every job completes once in effect
 * — with an append-only Redis (jobs survive) and without persistence (jobs lost: the platform
 * re-queues from the database, its source of truth).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSite, duplicates, issueToken, postJson, signInAs, start, withDatabase } from './support/platform.ts';
import { startPrivateRedis } from './support/redis-server.ts';
import { sleep, until } from './support/wait.ts';
import { photoTransactions } from './support/workload.ts';

const COUNT = 4;

async function allChecked(baseUrl: string, ids: readonly string[], headers: Record<string, string>): Promise<number> {
  const states = await Promise.all(ids.map(async (id) => {
    const res = await fetch(`${baseUrl}/api/v1/transactions/${id}/photos`, { headers });
    return res.status === 200 ? ((await res.json()) as { photoChecks: string | null }).photoChecks : null;
  }));
  return states.filter((s) => s === 'DONE').length;
}

describe.each([true, false])('Redis restarted mid-run (append-only persistence: %s)', (persistent) => {
  it('keeps ingesting while Redis is down, then resumes the queue and loses no photo check', async () => {
    const site = await createSite('postgres', { redis: false });
    const redis = await startPrivateRedis({ dir: path.join(site.dataDir, 'redis'), persistent });
    try {
      const first = await photoTransactions(`redis-${persistent}-a`, COUNT);
      const second = (await photoTransactions(`redis-${persistent}-b`, COUNT)).map((d): Record<string, unknown> => ({ ...d, photos: (d.photos as unknown[]).slice(0, 2) }));
      const ids = [...first, ...second].map((d) => d.id as string);
      const platform = await start(site, { REDIS_URL: redis.url, PHOTO_WORKER_CONCURRENCY: '1' });
      try {
        const auth = await issueToken(platform.baseUrl);
        const reader = await signInAs(platform.baseUrl, ['SUPERVISOR']);
        expect((await postJson(`${platform.baseUrl}/api/v1/transactions`, first, auth)).status).toBe(200);
        await until('a first transaction checked', async () => (await allChecked(platform.baseUrl, ids, reader)) >= 1, 240_000, 100);

        await redis.crash();
        const sentAt = Date.now();
        const during = await postJson(`${platform.baseUrl}/api/v1/transactions`, second, auth, AbortSignal.timeout(30_000));
        const tookMs = Date.now() - sentAt;
        console.info(`[redis persistent=${persistent}] ingestion with Redis down answered ${during.status} in ${tookMs} ms`);
        expect(during.status).toBe(200);
        expect(tookMs, 'ingestion does not wait for Redis').toBeLessThan(10_000);
        expect((await fetch(`${platform.baseUrl}/readyz`)).status).toBe(200);
        await sleep(2_000);
        await redis.restart();

        await until('every transaction checked after Redis came back', async () => (await allChecked(platform.baseUrl, ids, reader)) === ids.length, 300_000, 1_000);
      } finally {
        await platform.stop();
      }
      await withDatabase(site, async (db) => {
        expect(await db.prisma.photoFinding.count()).toBe(await db.prisma.photo.count());
        expect(await duplicates(db, `SELECT transaction_id || '@' || transaction_version || ' ' || trigger AS key, count(*) AS n FROM assessment GROUP BY 1`)).toEqual([]);
        expect(await db.prisma.assessment.count({ where: { trigger: 'PHOTOS' } })).toBe(ids.length);
        expect(await duplicates(db, `SELECT transaction_id AS key, count(*) AS n FROM alert GROUP BY 1`)).toEqual([]);
      });
    } finally {
      await redis.stop();
      await site.dispose();
    }
  });
});
