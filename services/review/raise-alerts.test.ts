/**
 * One open alert per transaction: the first alerting assessment raises it (audited), later ones
 * update it in place — score and severity follow, dual review can be added but never removed —
 * and a non-alerting assessment raises nothing. On both back ends.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTransactions } from '../ingest/ingest-transactions.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import type { StoredAssessment } from '../risk/engine/persist-assessments.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { sampleTransaction } from '../../test/support/fixtures.ts';
import { raiseAlerts } from './raise-alerts.ts';

describe.each(BACKENDS)('raising alerts on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    const txs = ['RA-1', 'RA-2', 'RA-3'].map((id) => sampleTransaction({ id }));
    const stored = await ingestTransactions({ db: database.db, blobs: new LocalBlobStore(path.join(os.tmpdir(), 'ra-blobs')), hooks: [] }, txs, { actor: 'test', source: 'api' });
    expect(stored.ok).toBe(true);
  });
  afterAll(async () => { await database?.dispose(); });

  async function assessed(id: string, score: number, alert: boolean, dualReview: boolean): Promise<StoredAssessment> {
    await database.db.prisma.assessment.updateMany({ where: { transactionId: id, current: true }, data: { current: false } });
    const row = await database.db.prisma.assessment.create({ data: { transactionId: id, transactionVersion: 1, ruleSetVersion: 't', score, alert, dualReview, photoChecks: 'DONE', current: true, trigger: 'INGEST' } });
    return {
      assessmentId: row.id, transactionId: id, version: 1, ruleSetVersion: 't', photoChecks: 'DONE', storedFeatures: {}, trigger: 'INGEST',
      result: { score, alert, dualReview, hits: [], pending: [], errors: [] } as unknown as StoredAssessment['result'],
    };
  }

  it('raises one alert per alerting transaction and audits it', async () => {
    expect(await database.db.prisma.$transaction((tx) => raiseAlerts(tx, []))).toEqual([]);
    const first = [await assessed('RA-1', 75, true, true), await assessed('RA-2', 45, true, false), await assessed('RA-3', 10, false, false)];
    const raised = await database.db.prisma.$transaction((tx) => raiseAlerts(tx, first));
    expect(raised).toHaveLength(2);
    const alerts = await database.db.prisma.alert.findMany({ orderBy: { transactionId: 'asc' } });
    expect(alerts.map((a) => [a.transactionId, a.severity, a.dualReview, a.score])).toEqual([['RA-1', 'HIGH', true, 75], ['RA-2', 'MEDIUM', false, 45]]);
    expect(await database.db.prisma.auditEntry.count({ where: { action: 'alert.raised' } })).toBe(2);
  });

  it('updates the open alert in place: score and severity follow, dual review is never removed', async () => {
    const later = [await assessed('RA-1', 50, true, false), await assessed('RA-2', 80, true, true)];
    const raised = await database.db.prisma.$transaction((tx) => raiseAlerts(tx, later));
    expect(raised).toEqual([]);
    const alerts = await database.db.prisma.alert.findMany({ orderBy: { transactionId: 'asc' } });
    expect(alerts.map((a) => [a.transactionId, a.severity, a.dualReview, a.score, a.assessmentId])).toEqual([
      ['RA-1', 'MEDIUM', true, 50, later[0]!.assessmentId],
      ['RA-2', 'HIGH', true, 80, later[1]!.assessmentId],
    ]);
    expect(await database.db.prisma.auditEntry.count({ where: { action: 'alert.raised' } })).toBe(2);
  });
});
