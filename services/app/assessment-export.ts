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
    const photos = await photosOf(db, chunk);
    for (const id of chunk) {
      const a = byId.get(id);
      if (!a) continue;
      const doc = {
        transactionId: a.transactionId, version: a.transactionVersion, ruleSetVersion: a.ruleSetVersion, score: a.score,
        alert: a.alert, dualReview: a.dualReview, photoChecks: a.photoChecks, pending: a.pending,
        hits: a.hits.map((h) => ({ riskPoint: h.riskPoint, weight: h.weight, reason: h.reason, evidence: h.evidence })),
        photos: photos.get(id) ?? [],
      };
      if (!out.write(`${JSON.stringify(doc)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}

interface PhotoLine {
  kind: string;
  sha256: string | null;
  verdict: string | null;
  findings: unknown;
}

/** What the models found in each photo (interchange.md §5); a photo not checked yet has null. */
async function photosOf(db: Database, ids: readonly string[]): Promise<Map<string, PhotoLine[]>> {
  const rows = await db.prisma.photo.findMany({
    where: { transactionId: { in: [...ids] } },
    orderBy: [{ transactionId: 'asc' }, { position: 'asc' }],
    select: { transactionId: true, kind: true, sha256: true, state: true, finding: { select: { verdict: true, findings: true } } },
  });
  const byId = new Map<string, PhotoLine[]>();
  for (const row of rows) {
    const line = { kind: row.kind, sha256: row.sha256, verdict: row.finding?.verdict ?? null, findings: row.finding?.findings ?? null };
    byId.set(row.transactionId, [...(byId.get(row.transactionId) ?? []), line]);
  }
  return byId;
}
