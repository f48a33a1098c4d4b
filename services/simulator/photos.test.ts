import { describe, expect, it } from 'vitest';
import { businessType } from '../domain/business-types.ts';
import { vinCheckChar } from '../domain/check-digits.ts';
import { distanceKm } from '../domain/index.ts';
import { vinProblem } from '../domain/vin.ts';
import { ANOMALIES, otherPlate, otherVin, repairVin } from './photo-anomalies.ts';
import { resolvePhotoOptions } from './photos.ts';
import { Rng } from './prng.ts';
import { createWorld, PLANTED_POINTS, simulateWorld } from './simulate.ts';
import type { SimTransaction } from './types.ts';

const OPTIONS = { days: 2, seed: 'photo-plan', start: '2026-03-02', perDay: 50 } as const;

function planned(photos: Parameters<typeof createWorld>[1]) {
  const world = createWorld(OPTIONS, photos);
  const transactions = [...world.transactions];
  return { world, transactions, truth: world.truth() };
}

describe('photo planning in the simulator', () => {
  const { world, transactions, truth } = planned({ share: 0.5, anomalyShare: 0.5 });
  const photoTruth = truth.photos!;
  const withSets = transactions.filter((tx) => tx.photos.length > 0);

  it('changes nothing else: the same lines with photos [] without them, and no photo truth', () => {
    const plain = simulateWorld(OPTIONS);
    expect(plain.truth.photos).toBeUndefined();
    expect(Object.keys(plain.truth.planted)).toEqual([...PLANTED_POINTS]);
    expect(plain.transactions.every((tx) => tx.photos.length === 0)).toBe(true);
    expect(transactions.map((tx) => JSON.stringify({ ...tx, photos: [] }))).toEqual(plain.transactions.map((tx) => JSON.stringify(tx)));
  });

  it('gives about the asked share of photo-requiring transactions one photo per required kind', () => {
    const requiring = transactions.filter((tx) => tx.version === 1 && tx.vehicle !== null && businessType(tx.type).requiredPhotos.length > 0);
    const share = photoTruth.transactions.length / requiring.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
    for (const tx of withSets) {
      expect(tx.photos.map((p) => p.kind)).toEqual([...businessType(tx.type).requiredPhotos]);
      for (const p of tx.photos) expect(p.path).toBe(`photos/${tx.id}-${p.kind}.jpg`);
    }
    expect(new Set(world.photoJobs.map((j) => j.path)).size).toBe(world.photoJobs.length);
    expect(world.photoJobs.length).toBe(photoTruth.transactions.reduce((n, id) => n + (transactions.find((t) => t.id === id)?.photos.length ?? 0), 0));
  });

  it('declares and writes times inside [acceptedAt − 2 h, completedAt + 10 min] and places within 1 km of the station', () => {
    const stations = new Map(world.reference.stations.map((s) => [s.code, s]));
    const jobs = new Map(world.photoJobs.map((j) => [j.path, j]));
    const window = (tx: SimTransaction, at: string) => {
      const ms = Date.parse(at);
      return ms >= Date.parse(tx.acceptedAt) - 2 * 3_600_000 && (tx.completedAt === null || ms <= Date.parse(tx.completedAt) + 600_000);
    };
    for (const tx of withSets) {
      const station = stations.get(tx.stationCode)!;
      const anomaly = photoTruth.anomalies[tx.id]?.anomaly;
      for (const p of tx.photos) {
        expect(window(tx, p.takenAt!)).toBe(true);
        expect(distanceKm({ lat: p.lat!, lon: p.lon! }, station)).toBeLessThanOrEqual(1);
        const capture = jobs.get(p.path)?.capture;
        if (!capture || anomaly === 'WRONG_TIME' || anomaly === 'WRONG_PLACE') continue;
        expect(capture).toEqual({ takenAt: p.takenAt, lat: p.lat, lon: p.lon });
      }
    }
  });

  it('plants each anomaly in turn, records it with its point, and makes it visible in the photo it names', () => {
    const anomalies = Object.entries(photoTruth.anomalies);
    const counts = anomalies.reduce<Record<string, number>>((acc, [, a]) => ({ ...acc, [a.anomaly]: (acc[a.anomaly] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual([...ANOMALIES].sort());
    expect(Math.max(...Object.values(counts)) - Math.min(...Object.values(counts))).toBeLessThanOrEqual(2);
    for (const [id, a] of anomalies) {
      expect(truth.planted[a.point!]).toContain(id);
      const job = world.photoJobs.find((j) => j.path === `photos/${id}-${a.kind}.jpg`)!;
      const tx = transactions.find((t) => t.id === id)!;
      const changed = {
        CORRUPTED: job.effect.type === 'truncate',
        WRONG_KIND: job.request.shows !== job.kind,
        WRONG_PLATE: job.request.vehicle.plate !== tx.vehicle?.plate,
        WRONG_VIN: job.request.vehicle.vin !== tx.vehicle?.vin,
        REUSED: job.effect.type === 'disguised-copy' && !job.effect.source.path.includes(id),
        BLURRED: job.effect.type === 'blur',
        WRONG_TIME: Date.parse(job.capture?.takenAt ?? '') < Date.parse(tx.acceptedAt) - 24 * 3_600_000,
        WRONG_PLACE: job.capture?.lat != null && distanceKm({ lat: job.capture.lat, lon: job.capture.lon! }, world.reference.stations.find((s) => s.code === tx.stationCode)!) > 2,
        INSPECTOR_ABSENT: job.request.inspectorAbsent === true,
        WRONG_COLOUR: job.request.vehicle.color !== tx.vehicle?.color,
      }[a.anomaly];
      expect(changed, `${a.anomaly} on ${id}`).toBe(true);
    }
    const clean = world.photoJobs.filter((j) => !anomalies.some(([id]) => j.path.includes(id)));
    expect(clean.every((j) => j.effect.type === 'none' && j.request.shows === j.kind && !j.request.inspectorAbsent)).toBe(true);
  });

  it('gives a revision the photos of its first version, and the same options the same plan', () => {
    const again = planned({ share: 0.5, anomalyShare: 0.5 });
    expect(again.truth).toEqual(truth);
    expect(JSON.stringify(again.world.photoJobs)).toBe(JSON.stringify(world.photoJobs));
    const byId = new Map<string, SimTransaction>();
    for (const tx of transactions) {
      const first = byId.get(tx.id);
      if (first) expect(tx.photos).toEqual(first.photos);
      else byId.set(tx.id, tx);
    }
  });

  it('limits sets to the photo days and the maximum asked, and refuses bad options by name', () => {
    const since = '2026-03-03T00:00:00+08:00';
    const limited = planned({ since, maxSets: 5 });
    expect(limited.truth.photos!.transactions).toHaveLength(5);
    for (const id of limited.truth.photos!.transactions) expect(Date.parse(limited.transactions.find((t) => t.id === id)!.acceptedAt)).toBeGreaterThanOrEqual(Date.parse(since));
    expect(() => resolvePhotoOptions({ share: 0 })).toThrow(/share/);
    expect(() => resolvePhotoOptions({ anomalyShare: 2 })).toThrow(/anomaly share/);
    expect(() => resolvePhotoOptions({ width: 320 })).toThrow(/640×480/);
    expect(() => resolvePhotoOptions({ since: 'yesterday' })).toThrow(/since/);
  });

  it('draws other plates and VINs that are valid and different, and repairs a mistyped VIN', () => {
    const rng = new Rng('other');
    for (const plate of ['浙A5K73Q', '浙AD12345']) {
      const other = otherPlate(plate, rng);
      expect(other).not.toBe(plate);
      expect(Array.from(other)).toHaveLength(Array.from(plate).length);
      expect(other.slice(0, 2)).toBe('浙A');
    }
    const vin = 'LSVAU2183N2183475';
    expect(vinCheckChar(vin)).toBe(vin[8]);
    const other = otherVin(vin, rng);
    expect(other).not.toBe(vin);
    expect(vinProblem(other)).toBeNull();
    for (const typo of ['LSVAI2183N2183475', 'LSVAU2183N218347', 'LSVAU2187N2183475']) expect(vinProblem(repairVin(typo, rng))).toBeNull();
  });
});
