/**
 * Photo `path`s in a file import (the NDJSON file's folder is the base): `..` and absolute paths
 * are refused by the schema naming `photos[i].path`; symlinks out of the folder, devices, FIFOs
 * and folders are recorded MISSING with the reason; no byte from outside the folder ever reaches
 * the blob store. Generated paths over a folder full of traps, on PGlite and PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTransactions, type IngestDeps } from '../../services/ingest/ingest-transactions.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleTransaction } from '../support/fixtures.ts';

const run = promisify(execFile);
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const INSIDE = Buffer.from('inside the import folder');
const SECRET = Buffer.from('secret outside the import folder');

/** import/ holds a real photo and traps; secret/ beside it must never be read. */
async function buildTraps(root: string): Promise<string> {
  const base = path.join(root, 'import');
  await fs.mkdir(path.join(base, 'sub'), { recursive: true });
  await fs.mkdir(path.join(root, 'secret'));
  await fs.writeFile(path.join(root, 'secret', 'secret.jpg'), SECRET);
  await fs.writeFile(path.join(base, 'inside.jpg'), INSIDE);
  await fs.writeFile(path.join(base, 'sub', 'inside.jpg'), INSIDE);
  await fs.symlink(path.join(root, 'secret', 'secret.jpg'), path.join(base, 'link-out.jpg'));
  await fs.symlink('../secret', path.join(base, 'dir-link'));
  await fs.symlink('/etc/passwd', path.join(base, 'passwd.jpg'));
  await fs.symlink('/dev/zero', path.join(base, 'zero.jpg'));
  await fs.symlink('inside.jpg', path.join(base, 'link-in.jpg'));
  await run('mkfifo', [path.join(base, 'fifo.jpg')]);
  return base;
}

const SEGMENTS = ['inside.jpg', 'link-out.jpg', 'link-in.jpg', 'dir-link', 'secret.jpg', 'passwd.jpg', 'zero.jpg', 'fifo.jpg', 'sub', '.', '..', 'missing.jpg', ''];
const generatedPath = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }), fc.constantFrom('/', '\\'))
  .map(([absolute, parts, separator]) => `${absolute ? separator : ''}${parts.join(separator)}`);

describe.each(BACKENDS)('photo paths in a file import on %s', (kind) => {
  let test: TestDatabase;
  let root: string;
  let base: string;
  let deps: IngestDeps;
  let counter = 0;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-paths-'));
    base = await buildTraps(root);
    deps = { db: test.db, blobs: new LocalBlobStore(path.join(root, 'blobs')) };
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function importWith(photoPath: string) {
    const id = `paths-${kind}-${++counter}`;
    const result = await ingestTransactions(deps, [sampleTransaction({ id, photos: [{ kind: 'OTHER', path: photoPath }] })], { actor: 'test', source: 'file', baseDir: base });
    if (!result.ok) throw new Error(result.error.detail);
    const photo = await test.db.prisma.photo.findFirst({ where: { transactionId: id } });
    return { item: result.value[0]!, photo };
  }

  it('stores what lies inside, records traps as MISSING with the reason, and refuses traversal naming the field', async () => {
    const expectations: Array<[string, RegExp | 'STORED' | 'REFUSED']> = [
      ['inside.jpg', 'STORED'], ['sub/inside.jpg', 'STORED'], ['link-in.jpg', 'STORED'], ['./sub/./inside.jpg', 'STORED'],
      ['link-out.jpg', /escapes import folder/], ['dir-link/secret.jpg', /escapes import folder/], ['passwd.jpg', /escapes import folder/],
      ['zero.jpg', /escapes import folder/], ['fifo.jpg', /not a file/], ['sub', /not a file/], ['missing.jpg', /not found/],
      ['../secret/secret.jpg', 'REFUSED'], ['/etc/passwd', 'REFUSED'], ['C:\\secret.jpg', 'REFUSED'], ['sub\\..\\..\\secret\\secret.jpg', 'REFUSED'],
    ];
    for (const [photoPath, expected] of expectations) {
      const { item, photo } = await importWith(photoPath);
      if (expected === 'REFUSED') {
        expect(item, photoPath).toMatchObject({ outcome: 'rejected', problems: [expect.objectContaining({ path: 'photos[0].path' })] });
      } else if (expected === 'STORED') {
        expect(photo, photoPath).toMatchObject({ state: 'STORED', sha256: sha(INSIDE) });
      } else {
        expect(photo, photoPath).toMatchObject({ state: 'MISSING', sha256: null });
        expect(photo?.problem, photoPath).toMatch(expected);
      }
    }
  });

  it('never lets a generated path bring outside bytes in', async () => {
    await fc.assert(fc.asyncProperty(generatedPath, async (photoPath) => {
      fc.pre(photoPath.length > 0);
      const { item, photo } = await importWith(photoPath);
      if (item.outcome === 'rejected') {
        expect(item.problems?.map((p) => p.path)).toContain('photos[0].path');
        return;
      }
      expect(['STORED', 'MISSING']).toContain(photo?.state);
      if (photo?.state === 'STORED') expect(photo.sha256, photoPath).toBe(sha(INSIDE));
    }), { numRuns: 200 });
    expect(await test.db.prisma.blob.count({ where: { sha256: sha(SECRET) } })).toBe(0);
    await expect(deps.blobs.has(sha(SECRET))).resolves.toBe(false);
    await expect(deps.blobs.has(sha(await fs.readFile('/etc/passwd')))).resolves.toBe(false);
  });
});
