/**
 * The database reuse index answers exactly what a brute-force scan would: every stored hash
 * within the distance and nothing else, including hashes with the top bit set (stored as
 * negative BIGINTs), on both back ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { hammingDistance } from '../phash.ts';
import { mulberry32 } from '../render/random.ts';
import { bigintToPhash, findNearCopies, phashToBigint } from './near-duplicates.ts';

const STORED = 800;

function flip(hex: string, bits: number, random: () => number): string {
  let v = BigInt(`0x${hex}`);
  const done = new Set<number>();
  while (done.size < bits) done.add(Math.floor(random() * 64));
  for (const b of done) v ^= 1n << BigInt(b);
  return v.toString(16).padStart(16, '0');
}

describe.each(BACKENDS)('reuse index on %s', (backend) => {
  let database: TestDatabase;
  const hashes: string[] = [];
  const random = mulberry32(7);

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    // Clusters: each base hash is stored with a few near variants, so matches exist at every distance.
    for (let i = 0; hashes.length < STORED; i++) {
      const base = Array.from({ length: 4 }, () => Math.floor(random() * 65536).toString(16).padStart(4, '0')).join('');
      hashes.push(base);
      for (let k = 1; k <= 4 && hashes.length < STORED; k++) hashes.push(flip(base, 2 * k, random));
    }
    await database.db.sql.exec(`
      INSERT INTO "transaction" (id, version, type, status, accepted_at, station_code, handler_id, channel, applicant_key, applicant_kind,
        override, tolerance, ever_completed, photo_count, received_at, updated_at)
      SELECT 'N-' || g, 1, 'REG_NEW', 'COMPLETED', now(), 'S1', 'H1', 'COUNTER', 'P:' || g, 'PERSON', false, false, true, 1, now(), now()
        FROM generate_series(0, ${STORED - 1}) g;
      INSERT INTO photo (transaction_id, position, kind, state) SELECT 'N-' || g, 0, 'LEFT_FRONT_45', 'STORED' FROM generate_series(0, ${STORED - 1}) g;`);
    const values = hashes.map((h, i) => `('N-${i}', ${phashToBigint(h)})`).join(',');
    await database.db.sql.exec(`
      INSERT INTO photo_finding (photo_id, transaction_id, verdict, auto_verdict, reasons, findings, phash, band0, band1, band2, band3, models)
      SELECT p.id, v.tid, 'PASS', 'PASS', '[]', '{}', v.h, ((v.h >> 48) & 65535)::int, ((v.h >> 32) & 65535)::int, ((v.h >> 16) & 65535)::int, (v.h & 65535)::int, '{}'
        FROM (VALUES ${values}) AS v(tid, h) JOIN photo p ON p.transaction_id = v.tid;`);
  }, 60_000);

  afterAll(async () => { await database?.dispose(); });

  it('round-trips hashes with the top bit set through the signed column', () => {
    expect(bigintToPhash(phashToBigint('ffffffffffffffff'))).toBe('ffffffffffffffff');
    expect(phashToBigint('8000000000000000')).toBe(-(2n ** 63n));
  });

  it('finds exactly the hashes a brute-force scan finds, for distances 0 to 8', async () => {
    let compared = 0;
    for (let q = 0; q < 60; q++) {
      const query = flip(hashes[Math.floor(random() * hashes.length)]!, Math.floor(random() * 5), random);
      const maxDistance = q % 9;
      const found = await findNearCopies(database.db.prisma, 'QUERY', 10n ** 12n, [{ photoIndex: 0, phash: query, sha256: null }], maxDistance, 'earlier');
      const expected = hashes.map((h, i) => ({ id: `N-${i}`, d: hammingDistance(query, h) })).filter((x) => x.d <= maxDistance);
      expect(found.map((f) => f.transactionId).sort()).toEqual(expected.map((e) => e.id).sort());
      expect(found.every((f) => f.distance === hammingDistance(query, hashes[Number(f.transactionId.slice(2))]!))).toBe(true);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('looks only at the side asked for, and never at the transaction itself', async () => {
    // N-11 is a variant in the cluster N-10 … N-14: near ones lie on both sides of it.
    const hash = hashes[11]!;
    const seq = (await database.db.prisma.transaction.findUniqueOrThrow({ where: { id: 'N-11' } })).seq;
    const near = (from: number, to: number) => hashes.map((h, i) => ({ id: `N-${i}`, i, d: hammingDistance(hash, h) }))
      .filter((x) => x.i >= from && x.i < to && x.d <= 8).map((x) => x.id).sort();
    const ask = (side: 'earlier' | 'later') => findNearCopies(database.db.prisma, 'N-11', seq, [{ photoIndex: 0, phash: hash, sha256: null }], 8, side);
    const earlier = (await ask('earlier')).map((c) => c.transactionId).sort();
    const later = (await ask('later')).map((c) => c.transactionId).sort();
    expect(earlier).toEqual(near(0, 11));
    expect(later).toEqual(near(12, STORED));
    expect(earlier.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    expect([...earlier, ...later]).not.toContain('N-11');
  });
});
