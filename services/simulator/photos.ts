/**
 * Inspection photos of the simulated world (opt-in: `simulate --photos`; the default stays
 * photo-less so that large worlds stay fast). Each transaction whose business type requires
 * photos gets — for a share of them — one photo per required kind: `photos/<txId>-<kind>.jpg`,
 * declared with the time the capture app gave (minutes before acceptance) and a position within
 * 300 m of the station, so a clean set fires none of R28–R38. Most photos carry the same facts
 * in EXIF; some came through a messenger that strips EXIF. A share of the sets gets one planted
 * anomaly (photo-anomalies.ts), the next kind in turn that fits the transaction, recorded in the
 * truth with the point meant to find it.
 *
 * Photos are planned here, synchronously, as the transactions stream past (the same plan for
 * every version of a transaction); the files are rendered afterwards (photo-render.ts). Planning
 * draws from its own generator per transaction, so turning photos on changes nothing else.
 */
import { businessType } from '../domain/business-types.ts';
import type { PhotoKind } from '../domain/codes.ts';
import { vinProblem } from '../domain/vin.ts';
import {
  ANOMALIES, ANOMALY_POINT, eligible, offsetKm, plantAnomaly, repairVin, type PhotoAnomaly, type PlantContext, type SetDraft,
} from './photo-anomalies.ts';
import type { PhotoJob } from './photo-job.ts';
import { Rng } from './prng.ts';
import { MINUTE, SECOND, formatLocal } from './time.ts';
import type { PhotoTruth, SimTransaction, TxPhoto } from './types.ts';

export interface PhotoOptions {
  /** Share of the transactions that require photos which get a photo set, (0, 1]. */
  readonly share: number;
  /** Share of photo sets given one planted anomaly, [0, 1]. */
  readonly anomalyShare: number;
  /** Size of the rendered scenes (45° and inspector photos). */
  readonly width: number;
  readonly height: number;
  /** Only transactions accepted at or after this instant (ISO 8601) get photos. */
  readonly since?: string;
  /** At most this many photo sets. */
  readonly maxSets?: number;
  /** The anomalies planted, in turn (default: all of them). */
  readonly anomalies?: readonly PhotoAnomaly[];
}

export const DEFAULT_PHOTO_OPTIONS: PhotoOptions = { share: 1, anomalyShare: 0.05, width: 1920, height: 1080 };

export function resolvePhotoOptions(given: Partial<PhotoOptions>): PhotoOptions {
  const o = { ...DEFAULT_PHOTO_OPTIONS, ...given };
  if (!(o.share > 0 && o.share <= 1)) throw new Error(`photo share must be in (0, 1], got ${o.share}`);
  if (!(o.anomalyShare >= 0 && o.anomalyShare <= 1)) throw new Error(`photo anomaly share must be in [0, 1], got ${o.anomalyShare}`);
  if (!Number.isInteger(o.width) || !Number.isInteger(o.height) || o.width < 640 || o.height < 480) throw new Error('photo size must be at least 640×480');
  if (o.since !== undefined && !Number.isFinite(Date.parse(o.since))) throw new Error(`photo since must be an ISO 8601 instant, got ${o.since}`);
  if (o.anomalies?.length === 0) throw new Error('photo anomalies, when given, must name at least one');
  return o;
}

/** Makers by world manufacturer identifier (the VIN's first three characters), for nameplates. */
const MAKERS: Readonly<Record<string, string>> = {
  LSV: '上汽大众汽车有限公司', LFV: '一汽-大众汽车有限公司', LGB: '东风汽车有限公司', LSG: '上汽通用汽车有限公司',
  LHG: '广汽本田汽车有限公司', LVG: '广汽丰田汽车有限公司', LBV: '华晨宝马汽车有限公司', LGW: '长城汽车股份有限公司',
  LVS: '长安福特汽车有限公司', LFM: '一汽丰田汽车有限公司', LC0: '比亚迪汽车工业有限公司', LRW: '特斯拉(上海)有限公司',
  LGX: '比亚迪汽车有限公司',
};

function makerOf(vin: string): string {
  return MAKERS[vin.slice(0, 3)] ?? '浙江汽车制造有限公司';
}

/** Share of capture devices that keep EXIF (the rest forward through a messenger that strips it). */
const EXIF_KEPT = 0.85;
/** Clean photos of other vehicles kept as material for reuse plants. */
const SOURCES_KEPT = 20;

interface Position { readonly lat: number; readonly lon: number }

export class PhotoPlanner implements PlantContext {
  /** Every photo to render, in file order. */
  readonly jobs: PhotoJob[] = [];
  private readonly sets = new Map<string, TxPhoto[]>();
  private readonly truth: PhotoTruth;
  private sources: { vin: string; job: PhotoJob }[] = [];
  private readonly vins = new Map<string, string>();
  private readonly order: readonly PhotoAnomaly[];
  private readonly sinceMs: number;
  private turn = 0;

  constructor(private readonly seed: string, private readonly stations: ReadonlyMap<string, Position>, readonly options: PhotoOptions) {
    this.truth = { share: options.share, anomalyShare: options.anomalyShare, transactions: [], anomalies: {}, recordMismatch: {} };
    this.order = options.anomalies ?? ANOMALIES;
    this.sinceMs = options.since === undefined ? -Infinity : Date.parse(options.since);
  }

  /** Fills `tx.photos`: a new set for a transaction's first line, the same set for its revisions. */
  assign(tx: SimTransaction): void {
    const known = this.sets.get(tx.id);
    if (known) {
      tx.photos = known.map((p) => ({ ...p }));
      return;
    }
    const required = businessType(tx.type).requiredPhotos;
    const station = this.stations.get(tx.stationCode);
    if (required.length === 0 || tx.vehicle === null || !station || Date.parse(tx.acceptedAt) < this.sinceMs) return;
    if (this.truth.transactions.length >= (this.options.maxSets ?? Infinity)) return;
    const rng = new Rng(`photos:${this.seed}:${tx.id}`);
    if (!(rng.next() < this.options.share)) return;
    const { draft, declared, mismatch } = this.draft(tx, required, station, rng);
    if (mismatch !== null) this.truth.recordMismatch[tx.id] = mismatch;
    const planted = mismatch === null && rng.next() < this.options.anomalyShare && this.plant(draft, rng);
    if (!planted && mismatch === null) this.keepAsSources(draft);
    this.jobs.push(...draft.jobs);
    this.sets.set(tx.id, declared);
    this.truth.transactions.push(tx.id);
    tx.photos = declared.map((p) => ({ ...p }));
  }

  photoTruth(): PhotoTruth {
    return this.truth;
  }

  reusableFor(draft: SetDraft, kind: PhotoKind): PhotoJob | null {
    const vin = this.vins.get(draft.txId);
    for (let i = this.sources.length - 1; i >= 0; i--) {
      const source = this.sources[i];
      if (source && source.job.kind === kind && source.vin !== vin) return source.job;
    }
    return null;
  }

  private draft(tx: SimTransaction, kinds: readonly PhotoKind[], station: Position, rng: Rng): { draft: SetDraft; declared: TxPhoto[]; mismatch: string | null } {
    const recordVin = tx.vehicle?.vin ?? null;
    const problem = vinProblem(recordVin);
    // A VIN typed wrongly (R32) was typed from a car that has a valid one: the photos show that.
    const vin = problem === null && recordVin !== null ? recordVin : repairVin(recordVin, rng);
    const mismatch = problem === null ? null : `登记的车辆识别代号有误(${problem})，照片显示${vin}：R31可能因此触发`;
    this.vins.set(tx.id, vin);
    const vehicle = { plate: tx.vehicle?.plate ?? null, vin, color: tx.vehicle?.color ?? null, maker: makerOf(vin) };
    const acceptedAtMs = Date.parse(tx.acceptedAt);
    const exif = rng.chance(EXIF_KEPT);
    let at = acceptedAtMs - rng.int(5, 45) * MINUTE;
    const declared: TxPhoto[] = [];
    const jobs = kinds.map((kind): PhotoJob => {
      at += rng.int(20, 90) * SECOND;
      const [lat, lon] = offsetKm(station, rng.int(0, 300) / 1000, rng.next() * 2 * Math.PI);
      const path = `photos/${tx.id}-${kind}.jpg`;
      declared.push({ kind, path, takenAt: formatLocal(at), lat, lon });
      const request = { shows: kind, seed: rng.uint32(), vehicle, width: this.options.width, height: this.options.height };
      return { path, kind, request, capture: exif ? { takenAt: formatLocal(at), lat, lon } : null, effect: { type: 'none' } };
    });
    return { draft: { txId: tx.id, jobs, station, acceptedAtMs }, declared, mismatch };
  }

  /** Plants the next anomaly in turn that fits; false when none does. */
  private plant(draft: SetDraft, rng: Rng): boolean {
    for (let k = 0; k < this.order.length; k++) {
      const anomaly = this.order[(this.turn + k) % this.order.length];
      if (anomaly === undefined || !eligible(anomaly, draft, this)) continue;
      this.turn = (this.turn + k + 1) % this.order.length;
      const planted = plantAnomaly(anomaly, draft, rng, this);
      const job = draft.jobs[planted.index] as PhotoJob;
      this.truth.anomalies[draft.txId] = {
        anomaly, point: ANOMALY_POINT[anomaly], photoIndex: planted.index, kind: job.kind, detail: planted.detail, also: [...planted.also],
      };
      if (job.effect.type === 'disguised-copy') {
        // Each clean photo is reused once at most.
        const source = job.effect.source;
        this.sources = this.sources.filter((s) => s.job !== source);
      }
      return true;
    }
    return false;
  }

  private keepAsSources(draft: SetDraft): void {
    const vin = this.vins.get(draft.txId) ?? '';
    for (const job of draft.jobs) this.sources.push({ vin, job });
    if (this.sources.length > SOURCES_KEPT * 6) this.sources.splice(0, this.sources.length - SOURCES_KEPT * 6);
  }
}

/** The planted photo points in truth.planted's shape: point → transactions. */
export function plantedPhotoPoints(truth: PhotoTruth): Record<string, string[]> {
  const planted: Record<string, string[]> = {};
  for (const [txId, plant] of Object.entries(truth.anomalies)) if (plant.point !== null) (planted[plant.point] ??= []).push(txId);
  return planted;
}
