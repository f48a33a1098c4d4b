import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
  /** False when the same bytes were already stored (content addressing makes puts idempotent). */
  readonly created: boolean;
}

/** Where photo and material bytes live; the database only records that they do. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export class BlobStoreError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A local folder, two levels of fan-out; writes go to a temp file then rename, so no torn blobs. */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: bytes.byteLength, created: false };
    const temp = path.join(this.root, 'tmp', `${sha256}.${randomBytes(6).toString('hex')}`);
    try {
      await fs.mkdir(path.dirname(temp), { recursive: true });
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(temp, bytes, { flag: 'wx' });
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new BlobStoreError(`blob store at ${this.root} cannot be written (${code})`, error);
    }
    return { sha256, size: bytes.byteLength, created: true };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
