/**
 * The handler aggregates of a batch (R07's count of the handler's day, R04's nearby list) read
 * each handler's rows once over the batch's span and then join them per transaction: checked
 * against a brute-force count over the same rows, with two handlers, two local days, a batch
 * whose ingestion order is not time order, and windows crossing local midnight.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../../test/support/fixtures.ts';
import { localDayBounds } from '../../domain/index.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { exportReference, importReference } from '../../ingest/reference-data.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { featureRequest } from '../feature-request.ts';
import { defaultRuleSetConfig } from '../rule-set.ts';
import { buildAggregates, type BatchItem } from './build-aggregates.ts';
import { snapshotOf } from './reference-snapshot.ts';

const HANDLERS = ['H10023', 'H20001'];
/** Minutes after 2026-03-02 23:00 local: both sides of midnight, clustered so nearby windows overlap. */
const OFFSETS = [0, 5, 31, 55, 58, 61, 64, 70, 95, 300, 7, 59, 62, 120, 33, 66, 1, 49, 65, 90];

function documents(): Record<string, unknown>[] {
  return OFFSETS.map((minutes, n) => {
    const at = new Date(Date.parse('2026-03-02T23:00:00+08:00') + minutes * 60_000).toISOString();
    return sampleTransaction({ id: `agg-${n}`, acceptedAt: at, completedAt: null, status: 'ACCEPTED', handlerId: HANDLERS[n % 2], agent: null, appointment: null, materials: [], vehicle: null });
  });
}

describe.each(BACKENDS)('handler aggregates of a batch on %s', (kind) => {
  let test: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aggregates-'));
    const reference = sampleReference() as { handlers: Array<Record<string, unknown>> };
    reference.handlers.push({ ...reference.handlers[0], id: 'H20001', idNumber: '330102198001010038' });
    expect((await importReference(test.db, reference, 'test')).ok).toBe(true);
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('counts exactly what a brute-force reading of the stored rows counts', async () => {
    const docs = documents();
    const deps = { db: test.db, blobs: new LocalBlobStore(dir) };
    // Stored in two batches, the second holding earlier acceptance times than the first's last.
    for (const part of [docs.slice(0, 10), docs.slice(10)]) expect((await ingestTransactions(deps, part, { actor: 'test', source: 'file' })).ok).toBe(true);
    const rows = await test.db.sql.query<{ id: string; seq: string }>("SELECT id, seq::text AS seq FROM transaction WHERE id LIKE 'agg-%'");
    const seqs = new Map(rows.map((r) => [r.id, BigInt(r.seq)]));
    const items: BatchItem[] = docs.map((d) => ({ transaction: d as unknown as Transaction, seq: seqs.get(d.id as string)! }));
    const request = featureRequest(defaultRuleSetConfig());
    const aggregates = await test.db.prisma.$transaction(async (tx) => buildAggregates(tx, items, request, snapshotOf(await exportReference(tx), 1)));

    const at = (i: BatchItem) => Date.parse(i.transaction.acceptedAt);
    const span = request.handlerNearbyMinutes * 60_000;
    let crossingMidnight = 0;
    for (const item of items) {
      const same = items.filter((o) => o.transaction.handlerId === item.transaction.handlerId && o.seq <= item.seq);
      const day = localDayBounds(item.transaction.acceptedAt, 'Asia/Shanghai');
      const dayCount = same.filter((o) => at(o) >= day.start.getTime() && at(o) < day.end.getTime()).length;
      const nearby = same.filter((o) => o !== item && Math.abs(at(o) - at(item)) <= span).map((o) => o.transaction.id).sort();
      const found = aggregates.get(item.transaction.id)!;
      expect(found.handlerDayCount, item.transaction.id).toBe(dayCount);
      expect(found.handlerNearby.items.map((n) => n.transactionId).sort(), item.transaction.id).toEqual(nearby);
      if (nearby.some((id) => localDayBounds(items.find((o) => o.transaction.id === id)!.transaction.acceptedAt, 'Asia/Shanghai').start.getTime() !== day.start.getTime())) crossingMidnight++;
    }
    // The fixture is worth something only if windows cross midnight and counts differ.
    expect(crossingMidnight).toBeGreaterThan(0);
    expect(new Set([...aggregates.values()].map((a) => a.handlerDayCount)).size).toBeGreaterThan(3);
  });

  it("lists an agent's principals, but none for a registered clerk (R16 does not judge clerks)", async () => {
    const clerk = { idNumber: '330102199202020022', name: '赵六', phone: '13600000000', address: null, identityCheck: 'PASSED', orgCode: '91330100MA2XXXXXX1' };
    const broker = { idNumber: '330106198505052313', name: '李四', phone: '13900000000', address: null, identityCheck: 'PASSED', orgCode: null };
    const docs = [clerk, broker].flatMap((agent, a) => [0, 1, 2].map((n) => sampleTransaction({
      id: `principal-${a}-${n}`, acceptedAt: `2026-03-1${n}T10:00:00+08:00`, completedAt: null, status: 'ACCEPTED', appointment: null, materials: [], vehicle: null, agent,
      applicant: { kind: 'PERSON', idNumber: `33010219900101${String(100 + 10 * a + n)}X`.slice(0, 17) + 'X', name: `申${n}`, phone: null, address: null, identityCheck: 'PASSED' },
    })));
    expect((await ingestTransactions({ db: test.db, blobs: new LocalBlobStore(dir) }, docs, { actor: 'test', source: 'file' })).ok).toBe(true);
    const rows = await test.db.sql.query<{ id: string; seq: string }>("SELECT id, seq::text AS seq FROM transaction WHERE id LIKE 'principal-%'");
    const items: BatchItem[] = rows.map((r) => ({ transaction: docs.find((d) => d.id === r.id) as unknown as Transaction, seq: BigInt(r.seq) }));
    const aggregates = await test.db.prisma.$transaction(async (tx) => buildAggregates(tx, items, featureRequest(defaultRuleSetConfig()), snapshotOf(await exportReference(tx), 1)));
    expect(aggregates.get('principal-0-2')!.agentPrincipals.value).toEqual([]);
    expect(aggregates.get('principal-1-2')!.agentPrincipals.value.map((p) => p.name).sort()).toEqual(['申0', '申1', '申2']);
    // The clerk's other aggregates are read as before: R19 still counts the clerk's cases.
    expect(aggregates.get('principal-0-2')!.agentTransactions.value.total).toBe(3);
  });
});
