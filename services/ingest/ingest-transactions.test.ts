import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { sampleTransaction } from '../../test/support/fixtures.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import { ingestTransactions, type IngestDeps } from './ingest-transactions.ts';

const API = { actor: 'test', source: 'api' } as const;

async function counts(test: TestDatabase) {
  const p = test.db.prisma;
  return {
    transactions: await p.transaction.count(), revisions: await p.transactionRevision.count(),
    materials: await p.material.count(), photos: await p.photo.count(), persons: await p.person.count(),
    vehicles: await p.vehicle.count(), audit: await p.auditEntry.count(),
  };
}

describe.each(BACKENDS)('ingestTransactions on %s', (kind) => {
  let test: TestDatabase;
  let deps: IngestDeps;
  let blobDir: string;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'blobs-'));
    deps = { db: test.db, blobs: new LocalBlobStore(blobDir) };
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(blobDir, { recursive: true, force: true });
  });

  it('stores a valid transaction with its parties, vehicle, materials and an audit entry', async () => {
    const result = await ingestTransactions(deps, [sampleTransaction()], API);
    expect(result).toEqual({ ok: true, value: [{ index: 0, id: '330100-2026-0000123', version: 1, outcome: 'created' }] });
    const row = await test.db.prisma.transaction.findUniqueOrThrow({ where: { id: '330100-2026-0000123' } });
    expect(row).toMatchObject({ applicantKey: 'P:330102199001011234', agentIdNumber: '330106198505052313', plate: '浙A12345', everCompleted: true });
    expect(await counts(test)).toMatchObject({ transactions: 1, revisions: 1, materials: 1, persons: 2, vehicles: 1, audit: 1 });
  });

  it('changes nothing when the same id and version arrive again', async () => {
    const before = await counts(test);
    const result = await ingestTransactions(deps, [sampleTransaction(), sampleTransaction()], API);
    expect(result.ok && result.value.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await counts(test)).toEqual(before);
  });

  it('keeps version 1 in history when version 2 arrives, and refuses a lower version', async () => {
    const v2 = sampleTransaction({ version: 2, vehicle: { plate: '浙A54321', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' } });
    const revised = await ingestTransactions(deps, [v2], API);
    expect(revised.ok && revised.value[0]?.outcome).toBe('revised');
    const history = await test.db.prisma.transactionRevision.findMany({ where: { transactionId: '330100-2026-0000123' }, orderBy: { version: 'asc' } });
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect((history[0]?.payload as { vehicle: { plate: string } }).vehicle.plate).toBe('浙A12345');
    expect((await test.db.prisma.transaction.findUniqueOrThrow({ where: { id: '330100-2026-0000123' } })).plate).toBe('浙A54321');
    const lower = await ingestTransactions(deps, [sampleTransaction()], API);
    expect(lower.ok && lower.value[0]).toMatchObject({ outcome: 'rejected', refusal: 'LOWER_VERSION', problems: [{ path: 'version' }] });
  });

  it('rejects a malformed transaction whole, naming every bad field, and stores nothing of it', async () => {
    const before = await counts(test);
    const bad = sampleTransaction({
      id: 'bad-1', type: 'NOT_A_TYPE', acceptedAt: '2026-03-02 09:15', status: 'ACCEPTED', completedAt: '2026-03-02T09:52:00+08:00',
      applicant: { kind: 'PERSON', name: '张三' }, photos: [{ kind: 'LEFT_FRONT_45', path: '../etc/passwd' }],
    });
    const result = await ingestTransactions(deps, [bad], API);
    expect(result.ok).toBe(true);
    const paths = result.ok ? (result.value[0]?.problems ?? []).map((p) => p.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['type', 'acceptedAt', 'applicant.idNumber', 'photos[0].path']));
    expect(await counts(test)).toEqual(before);
  });

  it('creates then revises the same id within one batch, in order', async () => {
    const a1 = sampleTransaction({ id: 'batch-a', status: 'ACCEPTED', completedAt: null });
    const a2 = sampleTransaction({ id: 'batch-a', version: 2 });
    const result = await ingestTransactions(deps, [a1, a2], API);
    expect(result.ok && result.value.map((r) => r.outcome)).toEqual(['created', 'revised']);
    expect(await test.db.prisma.transactionRevision.count({ where: { transactionId: 'batch-a' } })).toBe(2);
  });

  it('imports path photos from inside the file folder into the blob store, and marks absent ones missing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-'));
    await fs.mkdir(path.join(dir, 'photos'));
    await fs.writeFile(path.join(dir, 'photos', 'a.jpg'), Buffer.from('not really a jpeg'));
    const tx = sampleTransaction({ id: 'with-photos', photos: [{ kind: 'LEFT_FRONT_45', path: 'photos/a.jpg' }, { kind: 'VIN_RUBBING', path: 'photos/none.jpg' }] });
    const result = await ingestTransactions(deps, [tx], { ...API, source: 'file', baseDir: dir });
    expect(result.ok && result.value[0]?.outcome).toBe('created');
    const photos = await test.db.prisma.photo.findMany({ where: { transactionId: 'with-photos' }, orderBy: { position: 'asc' } });
    expect(photos.map((p) => p.state)).toEqual(['STORED', 'MISSING']);
    expect(await deps.blobs.has(photos[0]!.sha256!)).toBe(true);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stores canonical addresses, a person\'s always made from the address the record keeps', async () => {
    const applicant = (address: string | null) => ({ kind: 'PERSON', idNumber: '330102199203030011', name: '李四', phone: '13900000000', address, identityCheck: 'PASSED' });
    const at = (day: number) => ({ acceptedAt: `2026-04-0${day}T09:00:00+08:00`, completedAt: `2026-04-0${day}T09:30:00+08:00` });
    const person = async () => test.db.prisma.person.findUniqueOrThrow({ where: { key: 'P:330102199203030011' }, select: { address: true, addressCanonical: true } });
    const ingest = async (id: string, day: number, address: string | null) => {
      const result = await ingestTransactions(deps, [sampleTransaction({ id, ...at(day), applicant: applicant(address) })], API);
      expect(result.ok && result.value[0]?.outcome).toBe('created');
    };
    await ingest('canon-1', 5, '杭州市西湖区文三路8号楼3单元501室');
    expect(await test.db.prisma.transaction.findUniqueOrThrow({ where: { id: 'canon-1' }, select: { applicantAddressCanonical: true } }))
      .toEqual({ applicantAddressCanonical: '杭州市西湖文三路8幢3单元501' });
    expect(await person()).toEqual({ address: '杭州市西湖区文三路8号楼3单元501室', addressCanonical: '杭州市西湖文三路8幢3单元501' });
    await ingest('canon-2', 3, '宁波市海曙区中山路1号'); // older: the newer address stays, and its canonical form with it
    await ingest('canon-3', 6, null); // newer without an address: nothing erased
    expect(await person()).toEqual({ address: '杭州市西湖区文三路8号楼3单元501室', addressCanonical: '杭州市西湖文三路8幢3单元501' });
    await ingest('canon-4', 7, '宁波市海曙区中山路2号楼');
    expect(await person()).toEqual({ address: '宁波市海曙区中山路2号楼', addressCanonical: '宁波市海曙中山路2幢' });
    await ingest('canon-5', 8, '——'); // an address with no canonical form replaces the canonical form too
    expect(await person()).toEqual({ address: '——', addressCanonical: null });
  });

  it('refuses a batch over 1,000 transactions', async () => {
    const result = await ingestTransactions(deps, Array.from({ length: 1001 }, () => ({})), API);
    expect(result).toMatchObject({ ok: false, error: { code: 'BATCH_TOO_LARGE' } });
  });
});
