import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring, ingestHooks } from '../app/wiring.ts';
import { ingestTransactions } from '../ingest/ingest-transactions.ts';
import { importReference } from '../ingest/reference-data.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../test/support/fixtures.ts';
import { refreshRiskHitFacts } from './index.ts';

const CURRENT_HITS = `
  SELECT h.id::text AS hit_id, h.risk_point, a.transaction_id, t.station_code, t.type AS business_type, t.handler_id
  FROM risk_hit h JOIN assessment a ON a.id = h.assessment_id AND a.current JOIN "transaction" t ON t.id = a.transaction_id
  ORDER BY h.id`;
const FACTS = `
  SELECT f.hit_id::text AS hit_id, f.risk_point, f.transaction_id, f.station_code, f.business_type, f.handler_id
  FROM supervision.risk_hits f ORDER BY f.hit_id`;

describe.each(BACKENDS)('supervision.risk_hits refresh on %s', (kind) => {
  let test: TestDatabase;
  let blobDir: string;
  const hooks = ingestHooks(createScoring());
  const ingest = async (transactions: unknown[]) => {
    const result = await ingestTransactions({ db: test.db, blobs: new LocalBlobStore(blobDir), hooks }, transactions, { actor: 'test', source: 'file' });
    if (!result.ok) throw new Error(result.error.detail);
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-'));
    const reference = await importReference(test.db, sampleReference(), 'test');
    if (!reference.ok) throw new Error(reference.error.detail);
  });
  afterAll(async () => {
    await test.dispose();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  it('copies the hits of current assessments with their transaction dimensions', async () => {
    await ingest([sampleTransaction({ id: 'F-1' }), sampleTransaction({ id: 'F-2', type: 'CHANGE' })]);
    const refresh = await refreshRiskHitFacts(test.db);
    const expected = await test.db.sql.query(CURRENT_HITS);
    expect(expected.length).toBeGreaterThan(2);
    expect(refresh.facts).toBe(expected.length);
    expect(await test.db.sql.query(FACTS)).toEqual(expected);
  });

  it('writes nothing when nothing was assessed since', async () => {
    const before = await test.db.sql.query(FACTS);
    expect((await refreshRiskHitFacts(test.db)).facts).toBe(0);
    expect(await test.db.sql.query(FACTS)).toEqual(before);
  });

  it('replaces the facts of a re-assessed transaction (a revision) and keeps the others', async () => {
    const before = await test.db.sql.query<{ transaction_id: string; risk_point: string }>(FACTS);
    expect(before.some((f) => f.transaction_id === 'F-1' && f.risk_point === 'R17')).toBe(true);
    // Version 2 without the blacklisted agent: R17 and R18 no longer fire on F-1.
    await ingest([sampleTransaction({ id: 'F-1', version: 2, agent: null, appointment: null })]);
    await refreshRiskHitFacts(test.db);
    const after = await test.db.sql.query<{ transaction_id: string; risk_point: string }>(FACTS);
    expect(after).toEqual(await test.db.sql.query(CURRENT_HITS));
    expect(after.some((f) => f.transaction_id === 'F-1' && f.risk_point === 'R17')).toBe(false);
    expect(after.filter((f) => f.transaction_id === 'F-2')).toEqual(before.filter((f) => f.transaction_id === 'F-2'));
    const [mark] = await test.db.sql.query<{ last_id: string; max: string }>("SELECT w.last_id::text AS last_id, (SELECT max(id) FROM assessment)::text AS max FROM supervision.fact_watermark w WHERE name = 'risk_hits'");
    expect(mark!.last_id).toBe(mark!.max);
  });
});
