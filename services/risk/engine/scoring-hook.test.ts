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
import { idNumberCheckChar } from '../../domain/check-digits.ts';
import { relatedOpenAlerts } from '../../review/related-alerts.ts';

const API = { actor: 'test', source: 'api' } as const;

/** A valid resident ID number for a birth date and sequence. */
function idNumber(seq: number): string {
  const first17 = `330102199001${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + seq).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

function proxied(n: number, agentId: string): Record<string, unknown> {
  return sampleTransaction({
    id: `proxy-${n}`,
    acceptedAt: `2026-03-0${2 + Math.min(n, 6)}T10:00:00+08:00`,
    completedAt: `2026-03-0${2 + Math.min(n, 6)}T10:30:00+08:00`,
    applicant: { kind: 'PERSON', idNumber: idNumber(n), name: `申${'甲乙丙丁戊己庚'[n]}`, phone: `1380000${String(n).padStart(4, '0')}`, address: `杭州市上城区某路${n}号`, identityCheck: 'PASSED' },
    agent: { idNumber: agentId, name: '钱七', phone: '13911112222', address: '杭州市西湖区某路1号', identityCheck: 'PASSED', orgCode: null },
    vehicle: { plate: `浙A1000${n}`, vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' },
    materials: [
      { kind: 'ID_CARD', sha256: `${n}`.padStart(64, 'a'), validUntil: '2031-05-01', subjectVin: null, subjectIdNumber: null },
      { kind: 'POWER_OF_ATTORNEY', sha256: `${n}`.padStart(64, 'b'), validUntil: null, subjectVin: null, subjectIdNumber: null },
    ],
  });
}

describe.each(BACKENDS)('scoring inside ingestion on %s', (kind) => {
  let test: TestDatabase;
  let deps: IngestDeps;
  let dir: string;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'score-'));
    deps = { db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(createScoring()) };
    const reference = sampleReference() as { handlers: Array<{ permissions: string[] }> };
    reference.handlers[0]!.permissions.push('MORTGAGE');
    expect((await importReference(test.db, reference, 'test')).ok).toBe(true);
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes one current assessment per transaction with the published default rule set', async () => {
    const result = await ingestTransactions(deps, [proxied(0, '330106198505052321')], API);
    expect(result.ok).toBe(true);
    const assessment = await test.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: 'proxy-0', current: true }, include: { hits: true } });
    expect(assessment.ruleSetVersion).toMatch(/^default-[0-9a-f]{8}$/);
    expect(assessment.photoChecks).toBe('DONE');
    // TRANSFER without photos: R28 (required photos absent) fires; nothing about the agent yet.
    expect(assessment.hits.map((h) => h.riskPoint)).toContain('R28');
    expect(assessment.hits.map((h) => h.riskPoint)).not.toContain('R16');
  });

  it('fires R16 on the fifth distinct principal of an unregistered agent, with evidence, and raises a linked alert', async () => {
    const batch = [1, 2, 3, 4].map((n) => proxied(n, '330106198505052321'));
    const result = await ingestTransactions(deps, batch, API);
    expect(result.ok && result.value.every((r) => r.outcome === 'created')).toBe(true);
    const hitsOf = async (id: string) => (await test.db.prisma.assessment.findFirstOrThrow({ where: { transactionId: id, current: true }, include: { hits: true } })).hits;
    expect((await hitsOf('proxy-3')).map((h) => h.riskPoint)).not.toContain('R16');
    const fifth = (await hitsOf('proxy-4')).find((h) => h.riskPoint === 'R16');
    expect(fifth).toBeDefined();
    expect(fifth!.reason).toContain('5');
    const alert = await test.db.prisma.alert.findFirstOrThrow({ where: { transactionId: 'proxy-4' } });
    expect(alert.status).toBe('OPEN');
    const related = await relatedOpenAlerts(test.db.prisma, alert.id);
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((r) => r.reasons.includes('SAME_AGENT'))).toBe(true);
  });

  it('keeps the earlier assessment as history when a revision is scored, and flags R08 after completion', async () => {
    const revised = { ...proxied(0, '330106198505052321'), version: 2, vehicle: { plate: '浙A99999', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' } };
    await ingestTransactions(deps, [revised], API);
    const all = await test.db.prisma.assessment.findMany({ where: { transactionId: 'proxy-0' }, orderBy: { id: 'asc' }, include: { hits: true } });
    expect(all.map((a) => [a.transactionVersion, a.current])).toEqual([[1, false], [2, true]]);
    expect(all[1]!.hits.map((h) => h.riskPoint)).toContain('R08');
    expect(await test.db.prisma.alert.count({ where: { transactionId: 'proxy-0', status: 'OPEN' } })).toBeLessThanOrEqual(1);
  });

  it('records each assessment in the audit entry of the ingestion that made it', async () => {
    const entries = await test.db.prisma.auditEntry.findMany({ where: { action: { in: ['transaction.ingested', 'transaction.revised'] } } });
    expect(entries.length).toBe(6);
    for (const entry of entries) expect(entry.data).toMatchObject({ assessment: { ruleSetVersion: expect.stringMatching(/^default-/), score: expect.any(Number) } });
  });
});
