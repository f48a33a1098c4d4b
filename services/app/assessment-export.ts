import fs from 'node:fs';
import type { Database } from '../platform/db.ts';
import { assessmentDocuments } from '../risk/queries/assessment-documents.ts';

const CHUNK = 1_000;

/** Writes each transaction's current assessment (interchange.md §5) in the given order. */
export async function writeAssessments(db: Database, ids: readonly string[], file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const docs = await assessmentDocuments(db, chunk);
    for (const id of chunk) {
      const doc = docs.get(id);
      if (!doc) continue;
      if (!out.write(`${JSON.stringify(doc)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}
