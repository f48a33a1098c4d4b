import fs from 'node:fs';
import type { Database } from '../platform/db.ts';

const CHUNK = 1_000;

/** Writes each transaction's current assessment (interchange.md §5) in the given order. */
export async function writeAssessments(db: Database, ids: readonly string[], file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const rows = await db.prisma.assessment.findMany({
      where: { transactionId: { in: chunk }, current: true },
      include: { hits: { where: { outcome: 'hit' }, orderBy: { riskPoint: 'asc' } } },
    });
    const byId = new Map(rows.map((r) => [r.transactionId, r]));
    for (const id of chunk) {
      const a = byId.get(id);
      if (!a) continue;
      const doc = {
        transactionId: a.transactionId, version: a.transactionVersion, ruleSetVersion: a.ruleSetVersion, score: a.score,
        alert: a.alert, dualReview: a.dualReview, photoChecks: a.photoChecks, pending: a.pending,
        hits: a.hits.map((h) => ({ riskPoint: h.riskPoint, weight: h.weight, reason: h.reason, evidence: h.evidence })),
      };
      if (!out.write(`${JSON.stringify(doc)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}
