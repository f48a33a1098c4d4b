import type { Transaction } from '../../ingest/schema/index.ts';
import type { Tx } from '../../platform/db.ts';
import type { RevisionContext, VersionSnapshot } from '../features.ts';

function snapshotOf(version: number, payload: Transaction): VersionSnapshot {
  return {
    version,
    status: payload.status,
    type: payload.type,
    applicantIdNumber: payload.applicant.idNumber ?? null,
    applicantOrgCode: payload.applicant.orgCode ?? null,
    agentIdNumber: payload.agent?.idNumber ?? null,
    plate: payload.vehicle?.plate ?? null,
    vin: payload.vehicle?.vin ?? null,
  };
}

/** R08's inputs: for each revised transaction, the version it changes and which earlier ones were COMPLETED. */
export async function revisionContexts(tx: Tx, revised: ReadonlyArray<{ id: string; version: number }>): Promise<Map<string, RevisionContext>> {
  if (revised.length === 0) return new Map();
  const wanted = new Map(revised.map((r) => [r.id, r.version]));
  const rows = await tx.transactionRevision.findMany({
    where: { transactionId: { in: [...wanted.keys()] } },
    select: { transactionId: true, version: true, status: true, payload: true },
    orderBy: [{ transactionId: 'asc' }, { version: 'asc' }],
  });
  const result = new Map<string, RevisionContext>();
  for (const [id, version] of wanted) {
    const earlier = rows.filter((r) => r.transactionId === id && r.version < version);
    const last = earlier.at(-1);
    if (!last) continue;
    result.set(id, {
      previous: snapshotOf(last.version, last.payload as unknown as Transaction),
      completedVersions: earlier.filter((r) => r.status === 'COMPLETED').map((r) => r.version),
    });
  }
  return result;
}
