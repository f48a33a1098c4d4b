/**
 * The blob store fails: unwritable (a file where its folder should be — chmod means nothing to
 * root) and full (a 1 MB tmpfs mounted as the blob folder, when this process may mount one). Each
 * time: 503 problem+json BLOB_STORE_UNAVAILABLE naming the cause, no partial transaction, no
 * torn temp file, and transactions without photos still go through.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sampleTransaction } from '../support/fixtures.ts';
import { createSite, issueToken, postJson, start, withDatabase } from './support/platform.ts';

const run = promisify(execFile);

/** Bytes that do not compress (a tmpfs does not compress anyway, but be plain about it). */
const photo = (kb: number) => ({ kind: 'OTHER', data: randomBytes(kb * 1024).toString('base64') });

async function canMountTmpfs(dir: string): Promise<boolean> {
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    await run('umount', [dir]);
    return true;
  } catch {
    return false;
  }
}

async function expectRefused(res: Response): Promise<string> {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = await res.json() as { code: string; detail: string };
  expect(problem.code).toBe('BLOB_STORE_UNAVAILABLE');
  return problem.detail;
}

describe('blob store failures (embedded)', () => {
  it('refuses photos while the blob folder is not a folder, stores nothing of them, and takes transactions without photos', async () => {
    const site = await createSite('embedded');
    try {
      await fs.writeFile(path.join(site.dataDir, 'blobs'), 'not a directory');
      const platform = await start(site);
      try {
        const auth = await issueToken(platform.baseUrl);
        const url = `${platform.baseUrl}/api/v1/transactions`;
        const detail = await expectRefused(await postJson(url, sampleTransaction({ id: 'blob-ro-1', photos: [photo(10)] }), auth));
        expect(detail).toMatch(/cannot be written \((ENOTDIR|EEXIST)\)/);
        await expectRefused(await fetch(`${platform.baseUrl}/api/v1/blobs`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...auth }, body: randomBytes(1024) }));
        expect((await postJson(url, sampleTransaction({ id: 'blob-ro-2' }), auth)).status).toBe(201);
        expect((await fetch(`${url}/blob-ro-1`, { headers: auth })).status).toBe(404);
      } finally {
        expect(await platform.stop()).toBe(0);
      }
      await withDatabase(site, async (db) => {
        expect(await db.prisma.transaction.findMany({ select: { id: true } })).toEqual([{ id: 'blob-ro-2' }]);
        expect(await db.prisma.photo.count()).toBe(0);
      });
    } finally {
      await site.dispose();
    }
  });

  it('refuses a transaction whose second photo does not fit on a full disk, keeping nothing of it', async (context) => {
    const site = await createSite('embedded');
    const blobDir = path.join(site.dataDir, 'blobs');
    await fs.mkdir(blobDir);
    if (!(await canMountTmpfs(blobDir))) {
      await site.dispose();
      context.skip('mounting a tmpfs needs root with CAP_SYS_ADMIN; the unwritable-folder case above still runs');
      return;
    }
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', blobDir]);
    try {
      const platform = await start(site);
      try {
        const auth = await issueToken(platform.baseUrl);
        const url = `${platform.baseUrl}/api/v1/transactions`;
        expect((await postJson(url, sampleTransaction({ id: 'disk-1', photos: [photo(560)] }), auth)).status).toBe(201);
        // About 400 KB are left: the first 300 KB photo fits, the second cannot.
        const detail = await expectRefused(await postJson(url, sampleTransaction({ id: 'disk-2', photos: [photo(300), photo(300)] }), auth));
        expect(detail).toMatch(/ENOSPC/);
        expect((await postJson(url, sampleTransaction({ id: 'disk-3' }), auth)).status).toBe(201);
        expect((await fetch(`${url}/disk-2`, { headers: auth })).status).toBe(404);
        expect(await fs.readdir(path.join(blobDir, 'tmp')), 'no torn temp file left').toEqual([]);
      } finally {
        expect(await platform.stop()).toBe(0);
      }
      await withDatabase(site, async (db) => {
        expect((await db.prisma.transaction.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id)).toEqual(['disk-1', 'disk-3']);
        expect(await db.prisma.photo.count()).toBe(1);
        expect(await db.prisma.blob.count()).toBe(1);
      });
    } finally {
      await run('umount', ['-l', blobDir]).catch(() => undefined);
      await site.dispose();
    }
  });
});
