import os from 'node:os';
import path from 'node:path';
import { ingestTransactions } from '../../services/ingest/ingest-transactions.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import type { Database } from '../../services/platform/db.ts';
import { sampleTransaction } from './fixtures.ts';

export interface PlantedAlert {
  readonly alertId: bigint;
  readonly transactionId: string;
}

/**
 * A stored transaction with an assessment (one R16 hit, with personal data in its evidence) and
 * an OPEN alert on it: the state the risk engine leaves behind, without depending on its scoring.
 */
export async function plantAlert(db: Database, options: { id: string; dualReview: boolean; handlerId?: string; createdAt?: Date; slaHours?: number }): Promise<PlantedAlert> {
  const blobs = new LocalBlobStore(path.join(os.tmpdir(), 'plant-alert-blobs'));
  const tx = sampleTransaction({ id: options.id, handlerId: options.handlerId ?? 'H10023' });
  const ingested = await ingestTransactions({ db, blobs, hooks: [] }, [tx], { actor: 'test', source: 'api' });
  if (!ingested.ok || ingested.value[0]?.outcome === 'rejected') throw new Error(`plant failed: ${JSON.stringify(ingested)}`);
  const createdAt = options.createdAt ?? new Date();
  const assessment = await db.prisma.assessment.create({
    data: {
      transactionId: options.id, transactionVersion: 1, ruleSetVersion: 'test', score: options.dualReview ? 80 : 50, alert: true, dualReview: options.dualReview,
      photoChecks: 'DONE', current: true, trigger: 'INGEST',
      hits: { create: [{ riskPoint: 'R16', outcome: 'HIT', weight: 50, reason: '代办人30天内为7名不同申请人代办', evidence: { distinctApplicants: 7, agentIdNumber: '330106198505052313', agentPhone: '13900000000' } }] },
    },
  });
  const hours = options.slaHours ?? (options.dualReview ? 24 : 72);
  const alert = await db.prisma.alert.create({
    data: {
      transactionId: options.id, assessmentId: assessment.id, status: 'OPEN', severity: options.dualReview ? 'HIGH' : 'MEDIUM', score: assessment.score,
      dualReview: options.dualReview, slaDueAt: new Date(createdAt.getTime() + hours * 3_600_000), createdAt,
    },
  });
  return { alertId: alert.id, transactionId: options.id };
}
