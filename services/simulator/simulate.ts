/**
 * Public entry points of the world simulator: `createWorld` (lazy stream of transactions),
 * `simulateWorld` (everything in memory, for tests) and `writeWorld` (streams the three files
 * of a run to a folder). Same options, same bytes.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runDays } from './engine.ts';
import { Registry } from './identity.ts';
import { Oracle } from './oracle.ts';
import { oracleRefOf } from './oracle-static.ts';
import { APPLICANT_PLANTS } from './plants-applicant.ts';
import { EDGE_PLANTS } from './plants-edge.ts';
import { HANDLER_PLANTS } from './plants-handler.ts';
import { MATERIAL_PLANTS } from './plants-material.ts';
import { PROXY_PLANTS } from './plants-proxy.ts';
import type { PhotoJob } from './photo-job.ts';
import { PhotoPlanner, plantedPhotoPoints, resolvePhotoOptions, type PhotoOptions } from './photos.ts';
import { Population } from './population.ts';
import { Rng } from './prng.ts';
import { type ResolvedOptions, Sim, type SimulateOptions } from './sim.ts';
import { localMidnight } from './time.ts';
import { type Ring, buildRings, ringTruth } from './touts.ts';
import type { ReferenceInputDoc, SimTransaction, Tier, Truth } from './types.ts';
import { referenceOf, buildWorld } from './world.ts';

/** Deterministic points the simulator plants (R21 needs the ring detector, R28–R38 photos, R41 is implied). */
export const PLANTED_POINTS = [
  'R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16',
  'R17', 'R18', 'R19', 'R20', 'R22', 'R23', 'R24', 'R25', 'R26', 'R27', 'R32', 'R39', 'R40',
] as const;

const TIERS: readonly Tier[] = ['easy', 'medium', 'hard'];

export function resolveOptions(o: SimulateOptions): ResolvedOptions {
  const start = o.start ?? '2026-03-01';
  localMidnight(start);
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 3660) throw new Error(`days must be an integer in 1..3660, got ${o.days}`);
  const perDay = o.perDay ?? 1000;
  if (!Number.isInteger(perDay) || perDay < 50 || perDay > 100_000) throw new Error(`perDay must be an integer in 50..100000, got ${perDay}`);
  const tier = o.tier ?? 'medium';
  if (!TIERS.includes(tier)) throw new Error(`tier must be one of ${TIERS.join(', ')}`);
  return { days: o.days, seed: o.seed, start, perDay, tier };
}

export interface WorldStream {
  readonly reference: ReferenceInputDoc;
  /** Lines of transactions.ndjson in file order; iterate once. */
  readonly transactions: Iterable<SimTransaction>;
  /** Ground truth; complete once `transactions` has been iterated to the end. */
  truth(): Truth;
  /** The photos to render (empty unless asked for); complete once `transactions` has been iterated. */
  readonly photoJobs: readonly PhotoJob[];
}

function* withPhotos(lines: Iterable<SimTransaction>, planner: PhotoPlanner): Generator<SimTransaction> {
  for (const tx of lines) {
    planner.assign(tx);
    yield tx;
  }
}

/** `photos`: plan inspection photos too (photos.ts); without it every transaction has `photos: []`. */
export function createWorld(options: SimulateOptions, photos?: Partial<PhotoOptions>): WorldStream {
  const o = resolveOptions(options);
  const root = new Rng(`world:${String(o.seed)}:${o.tier}:${o.perDay}:${o.start}:${o.days}`);
  const people = new Population(root.fork('people'), new Registry());
  const world = buildWorld(root.fork('staff'), people, o.perDay, o.start);
  const sim = new Sim(o, world, people);
  const rings = buildRings(sim, root.fork('rings'));
  const plants = [...HANDLER_PLANTS, ...APPLICANT_PLANTS, ...PROXY_PLANTS, ...MATERIAL_PLANTS, ...EDGE_PLANTS];
  plants.forEach((plantFn, i) => plantFn(sim, root.fork(`plant-${i}`)));
  const reference = referenceOf(world);
  sim.oracle = new Oracle(oracleRefOf(reference));
  const positions = new Map(reference.stations.map((s) => [s.code, { lat: s.lat, lon: s.lon }] as const));
  const planner = photos ? new PhotoPlanner(String(o.seed), positions, resolvePhotoOptions(photos)) : null;
  const transactions = planner ? withPhotos(runDays(sim, rings), planner) : runDays(sim, rings);
  return { reference, transactions, photoJobs: planner?.jobs ?? [], truth: () => truthOf(sim, rings, planner) };
}

function sortedRecord<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key) as T;
  return out;
}

function truthOf(sim: Sim, rings: readonly Ring[], photos: PhotoPlanner | null): Truth {
  const ringPart = ringTruth(rings);
  const toutIds = new Set(ringPart.touts.map((t) => t.idNumber));
  const planted: Record<string, string[]> = {};
  for (const code of PLANTED_POINTS) planted[code] = [...new Set(sim.planted.get(code) ?? [])];
  if (photos) Object.assign(planted, plantedPhotoPoints(photos.photoTruth()));
  const seed = typeof sim.options.seed === 'string' && /^\d{1,15}$/.test(sim.options.seed) ? Number(sim.options.seed) : sim.options.seed;
  return {
    seed, days: sim.options.days, tier: sim.options.tier, start: sim.options.start, perDay: sim.options.perDay,
    planted,
    expectedDeterministicHits: sortedRecord(sim.hits),
    ...ringPart,
    legitimateProxies: [...sim.proxies.entries()].filter(([id]) => !toutIds.has(id)).sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([idNumber, kind]) => ({ idNumber, kind })),
    edgeCases: sortedRecord(sim.edgeCases),
    ...(photos ? { photos: photos.photoTruth() } : {}),
    stats: {
      lines: sim.lines,
      transactions: [...sim.byType.values()].reduce((a, b) => a + b, 0),
      byRole: sortedRecord(sim.byRole),
      byType: sortedRecord(sim.byType),
      redraws: sortedRecord(sim.redraws),
    },
  };
}

/** The world's reference data and its first `count` transactions (benchmarks, tests). */
export function firstTransactions(options: SimulateOptions, count: number): { reference: ReferenceInputDoc; transactions: SimTransaction[] } {
  const world = createWorld(options);
  const transactions: SimTransaction[] = [];
  for (const t of world.transactions) {
    transactions.push(t);
    if (transactions.length >= count) break;
  }
  return { reference: world.reference, transactions };
}

export interface SimulationResult {
  readonly reference: ReferenceInputDoc;
  readonly transactions: SimTransaction[];
  readonly truth: Truth;
}

export function simulateWorld(options: SimulateOptions): SimulationResult {
  const world = createWorld(options);
  const transactions = [...world.transactions];
  return { reference: world.reference, transactions, truth: world.truth() };
}

/** Writes reference.json, transactions.ndjson (streamed in 1 MB chunks) and truth.json into `dir`. */
export function writeWorld(options: SimulateOptions, dir: string): Truth {
  return writeWorldFiles(createWorld(options), dir);
}

/** Writes the three files of a world stream (its photos are rendered separately: photo-files.ts). */
export function writeWorldFiles(world: WorldStream, dir: string): Truth {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'reference.json'), `${JSON.stringify(world.reference, null, 2)}\n`);
  const fd = openSync(join(dir, 'transactions.ndjson'), 'w');
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const tx of world.transactions) {
      const line = `${JSON.stringify(tx)}\n`;
      chunk.push(line);
      size += line.length;
      if (size >= 1 << 20) {
        writeSync(fd, chunk.join(''));
        chunk = [];
        size = 0;
      }
    }
    writeSync(fd, chunk.join(''));
  } finally {
    closeSync(fd);
  }
  const truth = world.truth();
  writeFileSync(join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
