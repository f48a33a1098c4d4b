/**
 * Inspection photos for the demo world: photo sets for a couple of dozen transactions of its
 * last days, a few of them planted so that the photo review queue has something to show (a
 * near-copy of another car's photo, an inspector photo without the inspector, a plate hidden by
 * mud, a wrong plate or paint, a broken file, a time far before acceptance).
 *
 * Rendering a hundred photos takes tens of seconds of CPU, too long for a first start that must
 * be ready in seconds. So the demo world is ingested in two parts: everything before the photo
 * days at start-up, and the rest of the file — photos rendered and sent inline as base64 `data`,
 * as a business system would — in the background once the platform is serving. The tail keeps
 * file order (risk windows count by ingestion order); a shutdown stops it between lines.
 */
import { ingestTransactions, MAX_BATCH, type IngestDeps } from '../ingest/ingest-transactions.ts';
import { renderPhoto, type PhotoJob, type PhotoOptions, type SimTransaction } from '../simulator/index.ts';

/** Photo days at the end of the demo world. */
export const DEMO_PHOTO_DAYS = 2;
/** Tail batches are small: each waits for its photos to be rendered. */
const TAIL_BATCH = 25;

/**
 * A couple of dozen photo sets, a third of them planted — first what a reviewer must decide (no
 * inspector, a plate under mud, a near-copy), then what the points decide alone. Full-size
 * 1920×1080 scenes: at 1280×720 the face detector takes plate digits for a face now and then.
 */
export function demoPhotoOptions(since: string): Partial<PhotoOptions> {
  return {
    since, share: 0.4, maxSets: 24, anomalyShare: 0.35,
    anomalies: ['INSPECTOR_ABSENT', 'PLATE_OBSCURED', 'REUSED', 'WRONG_COLOUR', 'WRONG_PLATE', 'CORRUPTED', 'WRONG_TIME', 'WRONG_KIND'],
  };
}

/** The transaction as sent by a business system: its photos inline as base64. */
async function withPhotoData(tx: SimTransaction, jobs: ReadonlyMap<string, PhotoJob>): Promise<unknown> {
  if (tx.photos.length === 0) return tx;
  const photos = [];
  for (const photo of tx.photos) {
    const job = jobs.get(photo.path);
    if (!job) throw new Error(`demo photo ${photo.path} was not planned`);
    photos.push({ kind: photo.kind, data: (await renderPhoto(job)).toString('base64'), takenAt: photo.takenAt, lat: photo.lat, lon: photo.lon });
  }
  return { ...tx, photos };
}

export interface TailOutcome {
  readonly transactions: number;
  readonly photos: number;
  /** False when a shutdown stopped it. */
  readonly complete: boolean;
}

/**
 * Ingests the tail in file order, rendering each line's photos just before its batch; `stopping`
 * is asked between lines (a shutdown ends it there).
 */
export async function ingestDemoTail(deps: IngestDeps, tail: readonly SimTransaction[], jobs: readonly PhotoJob[], stopping: () => boolean): Promise<TailOutcome> {
  const byPath = new Map(jobs.map((job) => [job.path, job]));
  let transactions = 0;
  let photos = 0;
  const size = Math.min(TAIL_BATCH, MAX_BATCH);
  for (let at = 0; at < tail.length; at += size) {
    const batch: unknown[] = [];
    for (const line of tail.slice(at, at + size)) {
      if (stopping()) return { transactions, photos, complete: false };
      batch.push(await withPhotoData(line, byPath));
      photos += line.photos.length;
    }
    if (stopping()) return { transactions, photos, complete: false };
    const result = await ingestTransactions(deps, batch, { actor: 'demo', source: 'demo' });
    if (!result.ok) throw new Error(`demo transactions refused: ${result.error.detail}`);
    const refused = result.value.filter((item) => item.outcome === 'rejected');
    if (refused.length > 0) throw new Error(`demo transaction ${refused[0]?.id ?? '?'} refused: ${JSON.stringify(refused[0]?.problems ?? [])}`);
    transactions += batch.length;
  }
  return { transactions, photos, complete: true };
}
