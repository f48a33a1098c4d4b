import type { BlobStore } from '../platform/blob-store.ts';
import { BlobStoreError } from '../platform/blob-store.ts';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';

export const MAX_BLOB_BYTES = 40 * 1024 * 1024;

/** Stores uploaded bytes (a photo before its transaction) and returns their sha256. */
export async function uploadBlob(
  deps: { db: Database; blobs: BlobStore }, bytes: Uint8Array, contentType: string | null,
): Promise<Result<{ sha256: string; size: number; created: boolean }>> {
  if (bytes.byteLength === 0) return fail('VALIDATION_FAILED', '空文件 (empty body)', { problems: [{ path: '(body)', message: '文件为空 (empty)' }] });
  if (bytes.byteLength > MAX_BLOB_BYTES) return fail('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_BLOB_BYTES} 字节 (larger than ${MAX_BLOB_BYTES} bytes)`);
  try {
    const stored = await deps.blobs.put(bytes);
    await deps.db.prisma.blob.createMany({ data: [{ sha256: stored.sha256, size: stored.size, contentType }], skipDuplicates: true });
    return ok(stored);
  } catch (error) {
    if (error instanceof BlobStoreError) return fail('BLOB_STORE_UNAVAILABLE', error.message);
    throw error;
  }
}

export async function readBlob(deps: { blobs: BlobStore }, sha256: string): Promise<Result<Buffer>> {
  const bytes = /^[0-9a-f]{64}$/.test(sha256) ? await deps.blobs.get(sha256) : null;
  return bytes ? ok(bytes) : fail('NOT_FOUND', `没有该文件 (no blob ${sha256})`);
}
