/**
 * Writing a simulated world with its photos: the three files as `writeWorld` writes them, then
 * every planned photo rendered to DIR/photos/ (a few at a time: rendering is CPU work, partly in
 * sharp's threads, partly on this one).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PhotoJob } from './photo-job.ts';
import { renderPhoto } from './photo-render.ts';
import type { PhotoOptions } from './photos.ts';
import type { SimulateOptions } from './sim.ts';
import { createWorld, writeWorldFiles } from './simulate.ts';
import type { Truth } from './types.ts';

export interface PhotoWriteProgress {
  readonly written: number;
  readonly total: number;
}

/** Renders `jobs` under `dir`, `concurrency` at a time; returns how many files were written. */
export async function writePhotoFiles(jobs: readonly PhotoJob[], dir: string, concurrency = 2, onProgress?: (p: PhotoWriteProgress) => void): Promise<number> {
  let next = 0;
  let written = 0;
  const folders = new Set(jobs.map((job) => dirname(join(dir, job.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const worker = async (): Promise<void> => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      await writeFile(join(dir, job.path), await renderPhoto(job));
      written++;
      onProgress?.({ written, total: jobs.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return written;
}

/** `writeWorld` with photos: reference.json, transactions.ndjson (photos by `path`), truth.json, photos/. */
export async function writePhotoWorld(options: SimulateOptions, photos: Partial<PhotoOptions>, dir: string, onProgress?: (p: PhotoWriteProgress) => void): Promise<Truth> {
  const world = createWorld(options, photos);
  const truth = writeWorldFiles(world, dir);
  await writePhotoFiles(world.photoJobs, dir, 2, onProgress);
  return truth;
}
