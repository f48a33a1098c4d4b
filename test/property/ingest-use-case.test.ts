/**
 * Property-based ingestion suite on the use case (volume): generated malformed transactions are
 * refused with the broken field's path and leave every table untouched; legal ones — however
 * hostile their text — are always stored, verbatim, once; on PGlite and PostgreSQL.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoring, ingestHooks } from '../../services/app/wiring.ts';
import { checkIdNumber, localDate, vinProblem } from '../../services/domain/index.ts';
import { ingestTransactions, type IngestDeps, type IngestItemResult } from '../../services/ingest/ingest-transactions.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { covers, malformedTransaction, type Malformed } from './support/mutations.ts';
import { changedTables, rowCounter, type RowCounts } from './support/row-counts.ts';
import { baseTransaction, validTransaction, withFreshIds, type Doc } from './support/transactions.ts';

const API = { actor: 'property-test', source: 'api' } as const;
/** At least 1,000 malformed transactions per back end and run: 250 batches of 4 to 8. */
const MALFORMED_BATCHES = 250;

function expectRefused(result: IngestItemResult | undefined, malformed: Malformed): void {
  const context = `${malformed.label} → ${JSON.stringify(result?.problems)}`;
  expect(result?.outcome, context).toBe('rejected');
  expect(result?.refusal, context).toBe('INVALID');
  const paths = (result?.problems ?? []).map((p) => p.path);
  expect(paths.length, context).toBeGreaterThan(0);
  expect(paths.every((p) => p.length > 0), context).toBe(true);
  expect(paths.some((p) => covers(malformed.path, p)), `expected a problem at ${malformed.path}: ${context}`).toBe(true);
}

const TEXT_FIELDS = ['idNumber', 'orgCode', 'name', 'phone', 'address'];

/** The free-text fields of a party, which must come back exactly as sent. */
function texts(party: unknown): Doc | null {
  if (party === null || party === undefined) return null;
  return Object.fromEntries(TEXT_FIELDS.map((k) => [k, (party as Doc)[k] ?? null]));
}

function hasInvalidIdNumber(doc: Doc): boolean {
  const date = localDate(doc.acceptedAt as string);
  const applicant = doc.applicant as { kind: string; idNumber?: string };
  const agent = doc.agent as { idNumber: string } | null;
  const invalid = (id: string | undefined) => id !== undefined && !checkIdNumber(id, date).valid;
  return (applicant.kind === 'PERSON' && invalid(applicant.idNumber)) || (agent !== null && invalid(agent.idNumber));
}

describe.each(BACKENDS)('ingestion properties on %s', (kind) => {
  let test: TestDatabase;
  let deps: IngestDeps;
  let blobDir: string;
  let count: () => Promise<RowCounts>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'prop-blobs-'));
    deps = { db: test.db, blobs: new LocalBlobStore(blobDir), hooks: ingestHooks(createScoring()) };
    count = await rowCounter(test.db);
    // The first scored ingestion publishes the default rule set: do it before anything is compared.
    const warm = await ingestTransactions(deps, [baseTransaction('warm-up')], API);
    expect(warm.ok && warm.value[0]?.outcome).toBe('created');
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  it('refuses at least 1,000 generated malformed transactions, naming the broken field, and stores nothing', async () => {
    const before = await count();
    let generated = 0;
    await fc.assert(fc.asyncProperty(fc.array(malformedTransaction, { minLength: 4, maxLength: 8 }), async (batch) => {
      generated += batch.length;
      const result = await ingestTransactions(deps, batch.map((m) => m.document), API);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      batch.forEach((malformed, i) => expectRefused(result.value[i], malformed));
      expect(changedTables(before, await count())).toEqual({});
    }), { numRuns: MALFORMED_BATCHES });
    expect(generated).toBeGreaterThanOrEqual(1_000);
  });

  it('stores the valid transactions of a mixed batch and nothing of the malformed ones', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(validTransaction(), { minLength: 1, maxLength: 3 }),
      fc.array(malformedTransaction, { minLength: 1, maxLength: 3 }),
      async (generated, malformed) => {
        const valid = withFreshIds(generated, `mix-${kind}`);
        const before = await count();
        const items = [...valid, ...malformed.map((m) => m.document)].reverse();
        const result = await ingestTransactions(deps, items, API);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const byIndex = (doc: unknown) => result.value[items.indexOf(doc)];
        valid.forEach((doc) => expect(byIndex(doc)?.outcome, JSON.stringify(byIndex(doc)?.problems)).toBe('created'));
        malformed.forEach((m) => expectRefused(byIndex(m.document), m));
        const after = await count();
        for (const table of ['transaction', 'transaction_revision', 'assessment']) expect(after[table]! - before[table]!, table).toBe(valid.length);
        // One entry per stored transaction, and one per alert it raised.
        expect(after.audit_entry! - before.audit_entry!).toBe(valid.length + after.alert! - before.alert!);
        expect(await test.db.prisma.transaction.count({ where: { id: 'bad' } })).toBe(0);
      },
    ), { numRuns: 40 });
  });

  it('accepts every legal variation, stores its text verbatim, and leaves bad check digits to R09 / R32', async () => {
    await fc.assert(fc.asyncProperty(fc.array(validTransaction(), { minLength: 1, maxLength: 4 }), async (generated) => {
      const docs = withFreshIds(generated, `ok-${kind}`);
      const result = await ingestTransactions(deps, docs, API);
      expect(result.ok && result.value.map((r) => r.outcome)).toEqual(docs.map(() => 'created'));
      for (const doc of docs) {
        const id = doc.id as string;
        const revision = await test.db.prisma.transactionRevision.findFirstOrThrow({ where: { transactionId: id } });
        const stored = revision.payload as Doc;
        expect(texts(stored.applicant)).toEqual(texts(doc.applicant));
        expect(texts(stored.agent)).toEqual(texts(doc.agent));
        expect(stored.extra).toEqual(JSON.parse(JSON.stringify(doc.extra)));
        const assessment = await test.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } });
        const points = new Set(assessment.hits.map((h) => h.riskPoint));
        expect(points.has('R09'), `R09 for ${JSON.stringify([doc.applicant, doc.agent])}`).toBe(hasInvalidIdNumber(doc));
        const vehicle = doc.vehicle as { vin: string } | null;
        expect(points.has('R32'), `R32 for ${JSON.stringify(vehicle)}`).toBe(vehicle !== null && vinProblem(vehicle.vin) !== null);
      }
    }), { numRuns: 40 });
  });

  it('stores a transaction sent several times in one batch exactly once', async () => {
    await fc.assert(fc.asyncProperty(validTransaction(), fc.integer({ min: 2, max: 6 }), async (generated, copies) => {
      const [doc] = withFreshIds([generated], `dup-${kind}`);
      const before = await count();
      const result = await ingestTransactions(deps, Array.from({ length: copies }, () => structuredClone(doc)), API);
      expect(result.ok && result.value.map((r) => r.outcome)).toEqual(['created', ...Array.from({ length: copies - 1 }, () => 'unchanged')]);
      const after = await count();
      for (const table of ['transaction', 'transaction_revision', 'assessment']) expect(after[table]! - before[table]!, table).toBe(1);
      expect(after.alert! - before.alert!).toBeLessThanOrEqual(1);
      expect(after.audit_entry! - before.audit_entry!).toBe(1 + after.alert! - before.alert!);
    }), { numRuns: 25 });
  });
});
