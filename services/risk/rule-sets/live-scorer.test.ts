import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../../test/support/fixtures.ts';
import { createScoring, ingestHooks } from '../../app/wiring.ts';
import { ingestTransactions, type IngestDeps } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { defaultScore } from '../score.ts';
import { approveRuleSet, createDraft, submitDraft, type Actor } from './index.ts';

const API = { actor: 'test', source: 'api' } as const;
const alice: Actor = { username: 'alice', roles: ['ADMIN'] };
const bob: Actor = { username: 'bob', roles: ['ADMIN'] };

/** A TRANSFER without photos by an unregistered, non-blacklisted agent: R28 fires, R17 does not. */
function transfer(id: string, hour: number): Record<string, unknown> {
  return sampleTransaction({
    id,
    acceptedAt: `2026-03-02T${hour}:00:00+08:00`,
    completedAt: `2026-03-02T${hour}:40:00+08:00`,
    agent: { idNumber: '330106198505052321', name: '钱七', phone: '13911112222', address: '杭州市西湖区某路1号', identityCheck: 'PASSED', orgCode: null },
    // An ordinary plate, so the second transfer of the same vehicle is no premium-plate churn (R22).
    vehicle: { plate: '浙A3B729', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' },
  });
}

describe.each(BACKENDS)('publication reaches the live scorer on %s', (kind) => {
  let test: TestDatabase;
  let deps: IngestDeps;
  let dir: string;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ruleset-live-'));
    // One engine for the whole test, as in a running process: its cache must notice the publication.
    deps = { db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(createScoring()) };
    expect((await importReference(test.db, sampleReference(), 'test')).ok).toBe(true);
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const current = (id: string) => test.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } });

  it('scores with the defaults, then with the rule set two admins published', async () => {
    expect((await ingestTransactions(deps, [transfer('live-1', 10)], API)).ok).toBe(true);
    const before = await current('live-1');
    expect(before.ruleSetVersion).toMatch(/^default-[0-9a-f]{8}$/);
    expect(before.hits.find((h) => h.riskPoint === 'R28')?.weight).toBe(40);

    const draft = await createDraft(test.db, alice, { note: '照片缺失降权 R28 40→10', config: { points: { R28: { weight: 10 } } } });
    if (!draft.ok) throw new Error(draft.error.detail);
    expect((await submitDraft(test.db, alice, draft.value.version)).ok).toBe(true);
    const published = await approveRuleSet(test.db, bob, draft.value.version);
    expect(published.ok && published.value.retired).toEqual([before.ruleSetVersion]);

    expect((await ingestTransactions(deps, [transfer('live-2', 11)], API)).ok).toBe(true);
    const after = await current('live-2');
    expect(after.ruleSetVersion).toBe(draft.value.version);
    expect(after.hits.map((h) => h.riskPoint).sort()).toEqual(before.hits.map((h) => h.riskPoint).sort());
    expect(after.hits.find((h) => h.riskPoint === 'R28')?.weight).toBe(10);
    const expected = defaultScore(before.hits.filter((h) => h.outcome === 'hit').map((h) => (h.riskPoint === 'R28' ? 10 : h.weight)));
    expect(after.score).toBe(expected);
    expect(after.score).toBeLessThan(before.score);
    // The earlier assessment keeps the version it was scored with.
    expect((await current('live-1')).ruleSetVersion).toBe(before.ruleSetVersion);
  });
});
