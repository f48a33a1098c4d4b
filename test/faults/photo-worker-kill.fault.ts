/**
 * SIGKILL of the worker in the middle of photo-check jobs (the real `photo-checks` queue: the
 * embedded database queue, and BullMQ on a private Redis): after a restart every job completes
 * once in effect — one finding per photo, one PHOTOS re-assessment per transaction version, no
 * alert or audit entry twice, none lost.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { auditChainIntact, createSite, duplicates, issueToken, postJson, signInAs, start, withDatabase, type Backend, type PlatformSite } from './support/platform.ts';
import { until } from './support/wait.ts';
import { photoTransactions } from './support/workload.ts';

const COUNT = 8;

async function photoStates(baseUrl: string, ids: readonly string[], headers: Record<string, string>): Promise<string[]> {
  return Promise.all(ids.map(async (id) => {
    const res = await fetch(`${baseUrl}/api/v1/transactions/${id}/photos`, { headers });
    return res.status === 200 ? ((await res.json()) as { photoChecks: string | null }).photoChecks ?? 'NONE' : `HTTP ${res.status}`;
  }));
}

/** How the queue ended: every job completed once, none failed; and how many ran more than once. */
async function queueOutcome(site: PlatformSite): Promise<{ completed: number; failed: number; other: number; reruns: number }> {
  if (site.redis) {
    // An ioredis client, not `{ url }`: BullMQ reads connection options as ioredis fields and would quietly use 6379.
    const connection = new Redis(site.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('photo-checks', { connection, prefix: site.queuePrefix });
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
      const completed = await queue.getJobs(['completed']);
      const reruns = completed.filter((job) => job.attemptsMade > 1 || (job as unknown as { stalledCounter?: number }).stalledCounter).length;
      return { completed: counts.completed ?? 0, failed: counts.failed ?? 0, other: (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0), reruns };
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }
  return withDatabase(site, async (db) => {
    const rows = await db.sql.query<{ state: string; n: number; reruns: number }>(
      `SELECT state, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS reruns FROM job WHERE queue = 'photo-checks' GROUP BY state`,
    );
    const of = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return { completed: of('completed'), failed: of('failed'), other: rows.filter((r) => !['completed', 'failed'].includes(r.state)).reduce((a, r) => a + r.n, 0), reruns: rows.reduce((a, r) => a + r.reruns, 0) };
  });
}

describe.each<Backend>(['embedded', 'postgres'])('SIGKILL in the middle of photo-check jobs (%s)', (backend) => {
  it('completes every job once in effect after a restart: no finding, assessment, alert or audit entry lost or doubled', async () => {
    const site = await createSite(backend);
    try {
      const docs = await photoTransactions(`photo-${backend}`, COUNT);
      const ids = docs.map((d) => d.id as string);
      let platform = await start(site, { PHOTO_WORKER_CONCURRENCY: '2' });
      const auth = await issueToken(platform.baseUrl);
      const reader = await signInAs(platform.baseUrl, ['SUPERVISOR']);
      const res = await postJson(`${platform.baseUrl}/api/v1/transactions`, docs, auth);
      expect(res.status).toBe(200);
      await until('a first transaction checked', async () => (await photoStates(platform.baseUrl, ids, reader)).includes('DONE'), 240_000, 100);
      const atKill = await photoStates(platform.baseUrl, ids, reader);
      await platform.stop('SIGKILL');
      const doneAtKill = atKill.filter((s) => s === 'DONE').length;
      expect(doneAtKill, 'work was left when the worker died').toBeLessThan(COUNT);
      console.info(`[${backend}] killed with ${doneAtKill}/${COUNT} transactions checked`);

      platform = await start(site, { PHOTO_WORKER_CONCURRENCY: '2' });
      await until('every transaction checked after the restart', async () => (await photoStates(platform.baseUrl, ids, reader)).every((s) => s === 'DONE'), 300_000, 500);
      expect(await platform.stop()).toBe(0);

      const queue = await queueOutcome(site);
      console.info(`[${backend}] queue after recovery: ${JSON.stringify(queue)}`);
      expect(queue).toMatchObject({ completed: COUNT, failed: 0, other: 0 });
      await withDatabase(site, async (db) => {
        const photos = await db.prisma.photo.count();
        expect(photos).toBe(2 * COUNT + 1);
        expect(await db.prisma.photoFinding.count()).toBe(photos);
        expect(await db.prisma.photo.count({ where: { state: 'UNREADABLE' } })).toBe(1);
        expect(await duplicates(db, `SELECT transaction_id || '@' || transaction_version || ' ' || trigger AS key, count(*) AS n FROM assessment GROUP BY 1`)).toEqual([]);
        expect(await db.prisma.assessment.count({ where: { trigger: 'PHOTOS' } })).toBe(COUNT);
        expect(await db.prisma.assessment.count({ where: { current: true, photoChecks: 'DONE' } })).toBe(COUNT);
        expect(await duplicates(db, `SELECT transaction_id AS key, count(*) AS n FROM alert GROUP BY 1`)).toEqual([]);
        expect(await db.prisma.alert.count()).toBe(await db.prisma.assessment.count({ where: { current: true, alert: true } }));
        expect(await duplicates(db, `SELECT action || ' ' || entity_id AS key, count(*) AS n FROM audit_entry WHERE entity_type IN ('transaction', 'alert', 'photo') GROUP BY 1`)).toEqual([]);
        expect(await auditChainIntact(db)).toMatchObject({ ok: true });
      });
    } finally {
      await site.dispose();
    }
  });
});
