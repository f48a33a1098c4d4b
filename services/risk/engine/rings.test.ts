import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference, sampleTransaction } from '../../../test/support/fixtures.ts';
import { createScoring, ingestHooks } from '../../app/wiring.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { publishRings } from './rings.ts';
import type { ScoringEngine } from './scoring-hook.ts';

const API = { actor: 'test', source: 'api' } as const;
const TOUT = '330106198505052313';

describe.each(BACKENDS)('R21 with published rings on %s', (kind) => {
  let test: TestDatabase;
  let scoring: ScoringEngine;
  let dir: string;
  const current = (id: string) => test.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } });
  const ingest = (items: unknown[]) => ingestTransactions({ db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(scoring) }, items, API);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rings-'));
    scoring = createScoring();
    await importReference(test.db, sampleReference(), 'test');
    await ingest([
      sampleTransaction({ id: 'with-tout' }),
      sampleTransaction({ id: 'no-agent', agent: null, applicant: { kind: 'PERSON', idNumber: '110101199003070012', name: '周八', phone: '13500000000', address: '北京', identityCheck: 'PASSED' } }),
    ]);
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps R21 pending until the detector has published rings', async () => {
    expect((await current('with-tout')).pending).toContain('R21');
  });

  it('re-assesses the transactions of ring members, resolves the others, and scores new ones against the rings', async () => {
    const result = await publishRings(test.db, scoring, [{ ringId: 'ring-1', memberIdNumbers: [TOUT], memberPhones: [] }]);
    expect(result.reassessed).toBe(1);
    const member = await current('with-tout');
    expect(member.trigger).toBe('RINGS');
    expect(member.hits.map((h) => h.riskPoint)).toContain('R21');
    expect(await test.db.prisma.assessment.count({ where: { transactionId: 'with-tout' } })).toBe(2);
    const other = await current('no-agent');
    expect(other.pending).not.toContain('R21');
    expect(other.hits.map((h) => h.riskPoint)).not.toContain('R21');
    await ingest([sampleTransaction({ id: 'later-tout' })]);
    const later = await current('later-tout');
    expect(later.pending).not.toContain('R21');
    expect(later.hits.map((h) => h.riskPoint)).toContain('R21');
  });
});
