import fs from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../platform/blob-store.ts';
import type { Transaction } from './schema/index.ts';

/** A declared photo after its bytes were located: stored in the blob store, or missing. */
export interface ResolvedPhoto {
  readonly position: number;
  readonly kind: string;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly state: 'STORED' | 'MISSING';
  readonly problem: string | null;
  readonly takenAt: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly source: 'sha256' | 'path' | 'data';
}

export interface PhotoSourceOptions {
  /** Folder that `path` photos are relative to (the NDJSON file's folder); absent over HTTP. */
  readonly baseDir?: string | undefined;
}

/** Largest photo accepted from a file (a decompression bomb is caught later by the decoder). */
const MAX_PHOTO_FILE_BYTES = 40 * 1024 * 1024;

async function readInside(baseDir: string, relative: string): Promise<Buffer | string> {
  const root = await fs.realpath(baseDir);
  let target: string;
  try {
    target = await fs.realpath(path.resolve(root, relative));
  } catch {
    return `照片文件不存在 (file not found: ${relative})`;
  }
  if (target !== root && !target.startsWith(root + path.sep)) return `照片路径越出导入目录 (path escapes import folder: ${relative})`;
  const stat = await fs.stat(target);
  if (!stat.isFile()) return `不是文件 (not a file: ${relative})`;
  if (stat.size > MAX_PHOTO_FILE_BYTES) return `照片文件过大 (file larger than ${MAX_PHOTO_FILE_BYTES} bytes)`;
  return fs.readFile(target);
}

/**
 * Puts `path` and `data` photos into the blob store before the database transaction starts.
 * Content addressing makes this idempotent; a failing store throws (BlobStoreError) so that
 * nothing of the transaction is written.
 */
export async function resolvePhotos(tx: Transaction, blobs: BlobStore, options: PhotoSourceOptions): Promise<ResolvedPhoto[]> {
  const resolved: ResolvedPhoto[] = [];
  for (const [position, photo] of tx.photos.entries()) {
    const base = { position, kind: photo.kind, takenAt: photo.takenAt, lat: photo.lat, lon: photo.lon };
    if (photo.sha256 !== undefined) {
      resolved.push({ ...base, sha256: photo.sha256, size: null, state: 'STORED', problem: null, source: 'sha256' });
      continue;
    }
    const bytes = photo.data !== undefined
      ? Buffer.from(photo.data, 'base64')
      : options.baseDir ? await readInside(options.baseDir, photo.path ?? '') : '通过接口提交时不能使用 path (path photos need a file import)';
    const source = photo.data !== undefined ? 'data' : 'path';
    if (typeof bytes === 'string') {
      resolved.push({ ...base, sha256: null, size: null, state: 'MISSING', problem: bytes, source });
      continue;
    }
    const stored = await blobs.put(bytes);
    resolved.push({ ...base, sha256: stored.sha256, size: stored.size, state: 'STORED', problem: null, source });
  }
  return resolved;
}
