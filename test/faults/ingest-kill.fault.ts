/**
 * SIGKILL of the platform while it ingests and scores batches: after a restart every transaction
 * is stored whole (with its assessment, alert and audit entry) or not at all; sending everything
 * again stores exactly one of each, and the audit hash chain verifies.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, auditChainIntact, createSite, duplicates, issueToken, postJson, secretsIn, start, tokenOf, withDatabase, type Backend } from './support/platform.ts';
import { sleep, until } from './support/wait.ts';
import { transactionBatch } from './support/workload.ts';

const BATCHES = 5;
const SIZE = 150;

type Outcome = 'created' | 'unchanged' | 'revised' | 'rejected';

async function sendAll(url: string, batches: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>, auth: Record<string, string>): Promise<Outcome[][]> {
  const outcomes: Outcome[][] = [];
  for (const batch of batches) {
    const res = await postJson(url, batch, auth);
    expect(res.status).toBe(200);
    outcomes.push((await res.json() as { results: Array<{ outcome: Outcome }> }).results.map((r) => r.outcome));
  }
  return outcomes;
}

describe.each<Backend>(['embedded', 'postgres'])('SIGKILL during ingestion and scoring (%s)', (backend) => {
  it('keeps every batch whole or absent, and re-sending stores exactly one of each', async () => {
    const site = await createSite(backend);
    try {
      const prefix = `kill-${backend}`;
      const batches = Array.from({ length: BATCHES }, (_, b) => transactionBatch(prefix, b, SIZE));
      let platform = await start(site);
      const url = `${platform.baseUrl}/api/v1/transactions`;
      const auth = await issueToken(platform.baseUrl);
      const answered: number[] = [];
      const started = Date.now();
      const sending = (async () => {
        for (const [b, batch] of batches.entries()) {
          const res = await postJson(url, batch, auth);
          await res.arrayBuffer();
          if (res.status === 200) answered.push(b);
        }
      })().catch((error: unknown) => error);
      await until('first batch stored', () => answered.length >= 1, 120_000, 10);
      const batchMs = Date.now() - started;
      // Somewhere inside the second batch: parsing, validating, writing or scoring it.
      const delay = Math.round(batchMs * (0.2 + Math.random() * 0.7));
      await sleep(delay);
      await platform.stop('SIGKILL');
      expect(await sending, 'the request in flight died with the process').toBeInstanceOf(Error);
      const before = [...answered];
      console.info(`[${backend}] killed ${delay} ms into batch ${before.length} (a batch takes ~${batchMs} ms); answered: ${before.join(',')}`);

      const firstLogs = platform.logs;
      platform = await start(site);
      const secondAuth = await issueToken(platform.baseUrl);
      const again = await sendAll(`${platform.baseUrl}/api/v1/transactions`, batches, secondAuth);
      expect(await platform.stop()).toBe(0);
      expect(secretsIn([...firstLogs, ...platform.logs], [ADMIN.ADMIN_PASSWORD, tokenOf(auth), tokenOf(secondAuth)]), 'secrets in the log').toEqual([]);

      again.forEach((outcomes, b) => {
        const kinds = [...new Set(outcomes)];
        expect(kinds.length, `batch ${b} is all-or-nothing: ${kinds.join(',')}`).toBe(1);
        if (before.includes(b)) expect(kinds[0], `batch ${b} was acknowledged`).toBe('unchanged');
        if (b > before.length) expect(kinds[0], `batch ${b} was never sent`).toBe('created');
      });

      await withDatabase(site, async (db) => {
        const total = BATCHES * SIZE;
        expect(await db.prisma.transaction.count({ where: { id: { startsWith: prefix } } })).toBe(total);
        expect(await duplicates(db, `SELECT transaction_id AS key, count(*) AS n FROM transaction_revision GROUP BY 1`)).toEqual([]);
        expect(await duplicates(db, `SELECT transaction_id || '@' || transaction_version AS key, count(*) AS n FROM assessment GROUP BY 1`)).toEqual([]);
        expect(await duplicates(db, `SELECT transaction_id AS key, count(*) AS n FROM alert GROUP BY 1`)).toEqual([]);
        expect(await duplicates(db, `SELECT action || ' ' || entity_id AS key, count(*) AS n FROM audit_entry WHERE entity_type IN ('transaction', 'alert') GROUP BY 1`)).toEqual([]);
        expect(await db.prisma.assessment.count({ where: { current: true } })).toBe(total);
        const alerting = await db.prisma.assessment.count({ where: { current: true, alert: true } });
        expect(alerting).toBeGreaterThan(total / 3);
        expect(await db.prisma.alert.count()).toBe(alerting);
        expect(await db.prisma.auditEntry.count({ where: { action: 'transaction.ingested' } })).toBe(total);
        expect(await auditChainIntact(db)).toMatchObject({ ok: true });
      });
    } finally {
      await site.dispose();
    }
  });
});
