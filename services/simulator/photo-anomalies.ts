/**
 * Photo anomalies the simulator plants, one per anomalous photo set, each aimed at the risk
 * point that should find it (R28–R38 except R32, which is the record's own VIN). A plant changes
 * one thing about one photo — what it shows, how it is degraded, what its EXIF says — and says
 * which other points may legitimately fire as a consequence (a reused photo of another car also
 * shows that car's plate).
 *
 * R29 is planted with what the evidence rules can decide without an office kind classifier: a
 * VIN close-up declared as the left-front 45° photo (a surely read, check-digit-valid VIN and no
 * plate is the only evidence rule confident enough for R29). R38 is planted only where the colour
 * estimate can be sure: a vivid paint different from the record's, on the left-front photo.
 */
import { vinCheckChar } from '../domain/check-digits.ts';
import type { PhotoKind, VehicleColor } from '../domain/codes.ts';
import type { PhotoJob } from './photo-job.ts';
import type { Rng } from './prng.ts';
import { formatLocal } from './time.ts';

export type PhotoAnomaly =
  | 'CORRUPTED' | 'WRONG_KIND' | 'WRONG_PLATE' | 'WRONG_VIN' | 'REUSED'
  | 'BLURRED' | 'WRONG_TIME' | 'WRONG_PLACE' | 'INSPECTOR_ABSENT' | 'WRONG_COLOUR' | 'PLATE_OBSCURED';

/**
 * The point each anomaly is planted for. An obscured plate is for no point: the models cannot
 * read it, so the photo goes to a reviewer (the demo world plants it for the review queue).
 */
export const ANOMALY_POINT: Readonly<Record<PhotoAnomaly, string | null>> = {
  CORRUPTED: 'R28', WRONG_KIND: 'R29', WRONG_PLATE: 'R30', WRONG_VIN: 'R31', REUSED: 'R33',
  BLURRED: 'R34', WRONG_TIME: 'R35', WRONG_PLACE: 'R36', INSPECTOR_ABSENT: 'R37', WRONG_COLOUR: 'R38',
  PLATE_OBSCURED: null,
};

/** Default planting order (each point's anomaly): sets take the next one in turn that fits. */
export const ANOMALIES = (Object.keys(ANOMALY_POINT) as PhotoAnomaly[]).filter((a) => ANOMALY_POINT[a] !== null);

/** A photo set being planned: one job per required kind, in the business type's order. */
export interface SetDraft {
  readonly txId: string;
  readonly jobs: PhotoJob[];
  readonly station: { readonly lat: number; readonly lon: number };
  readonly acceptedAtMs: number;
}

export interface Planted {
  readonly index: number;
  readonly detail: string;
  /** Points that may fire as well, as a consequence of the same change. */
  readonly also: readonly string[];
}

/** What a plant may borrow: a clean photo of another vehicle (for reuse). */
export interface PlantContext {
  reusableFor(draft: SetDraft, kind: PhotoKind): PhotoJob | null;
}

const SERIAL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const VIN_KINDS: readonly PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];

function indexOf(draft: SetDraft, kind: PhotoKind): number {
  return draft.jobs.findIndex((j) => j.kind === kind);
}

/** Another plate of the same kind (blue 7 / green 8 characters): two serial characters changed. */
export function otherPlate(plate: string, rng: Rng): string {
  const chars = Array.from(plate);
  const green = chars.length === 8;
  const positions = rng.shuffle(Array.from({ length: chars.length - (green ? 3 : 2) }, (_, i) => i + (green ? 3 : 2))).slice(0, 2);
  for (const p of positions) {
    const pool = (green ? DIGITS : SERIAL).replace(chars[p] ?? '', '');
    chars[p] = rng.pick(Array.from(pool));
  }
  return chars.join('');
}

/** Another valid VIN of the same maker: descriptor and serial redrawn, check digit recomputed. */
export function otherVin(vin: string, rng: Rng): string {
  const chars = Array.from(vin);
  for (const p of [3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16]) chars[p] = rng.pick(Array.from(p >= 12 ? DIGITS : VIN_CHARS));
  chars[8] = '0';
  chars[8] = vinCheckChar(chars.join('')) ?? '0';
  const other = chars.join('');
  return other === vin ? otherVin(`${vin.slice(0, 16)}${vin[16] === '1' ? '2' : '1'}`, rng) : other;
}

/**
 * The valid VIN a car behind a mistyped record VIN (R32) really carries: characters a VIN never
 * has read as their look-alikes, a missing tail filled, the check digit put right.
 */
export function repairVin(vin: string | null, rng: Rng): string {
  const chars = Array.from((vin ?? '').toUpperCase().replace(/[IO]/g, '1').replace(/Q/g, '0')).filter((c) => VIN_CHARS.includes(c)).slice(0, 17);
  while (chars.length < 17) chars.push(rng.pick(Array.from(DIGITS)));
  chars[8] = '0';
  chars[8] = vinCheckChar(chars.join('')) ?? '0';
  return chars.join('');
}

function vividPaint(color: VehicleColor | null): VehicleColor {
  return color === 'BLUE' ? 'WHITE' : 'BLUE';
}

interface Plant {
  eligible(draft: SetDraft, context: PlantContext): boolean;
  apply(draft: SetDraft, rng: Rng, context: PlantContext): Planted;
}

const has = (kind: PhotoKind) => (draft: SetDraft): boolean => indexOf(draft, kind) >= 0;

const PLANTS: Readonly<Record<PhotoAnomaly, Plant>> = {
  CORRUPTED: {
    eligible: has('LEFT_FRONT_45'),
    apply(draft) {
      const index = indexOf(draft, 'LEFT_FRONT_45');
      (draft.jobs[index] as PhotoJob).effect = { type: 'truncate', keep: 0.45 };
      return { index, detail: '左前方照片文件被截断，无法解码', also: [] };
    },
  },
  WRONG_KIND: {
    eligible: has('LEFT_FRONT_45'),
    apply(draft) {
      const index = indexOf(draft, 'LEFT_FRONT_45');
      const job = draft.jobs[index] as PhotoJob;
      // The VIN plate under the windscreen: a VIN read surely with no plate is the evidence rule
      // confident enough for R29 (a stamp is read surely only three times in four).
      job.request = { ...job.request, shows: 'VIN_STAMP', vinPlate: true };
      // A close-up judged by a scene's quality bounds may be out of them.
      return { index, detail: '申报为左前方45度的照片实为车辆识别代号(风窗玻璃下识别代号牌)照片', also: ['R34'] };
    },
  },
  WRONG_PLATE: {
    eligible: (draft) => has('LEFT_FRONT_45')(draft) && draft.jobs[0]?.request.vehicle.plate != null,
    apply(draft, rng) {
      const index = indexOf(draft, 'LEFT_FRONT_45');
      const job = draft.jobs[index] as PhotoJob;
      const plate = otherPlate(job.request.vehicle.plate ?? '', rng);
      job.request = { ...job.request, vehicle: { ...job.request.vehicle, plate } };
      return { index, detail: `左前方照片号牌为${plate}`, also: [] };
    },
  },
  WRONG_VIN: {
    eligible: (draft) => has('VIN_STAMP')(draft) || has('VIN_RUBBING')(draft),
    apply(draft, rng) {
      // Another car was photographed: every VIN close-up of the set shows its VIN.
      const vin = otherVin(draft.jobs[0]?.request.vehicle.vin ?? '', rng);
      const indices = draft.jobs.flatMap((job, i) => (VIN_KINDS.includes(job.kind) ? [i] : []));
      for (const i of indices) {
        const job = draft.jobs[i] as PhotoJob;
        job.request = { ...job.request, vehicle: { ...job.request.vehicle, vin } };
      }
      const index = indices.find((i) => draft.jobs[i]?.kind !== 'NAMEPLATE') ?? 0;
      return { index, detail: `车辆识别代号照片显示${vin}`, also: [] };
    },
  },
  REUSED: {
    eligible: (draft, context) => reuseKind(draft, context) !== null,
    apply(draft, rng, context) {
      const kind = reuseKind(draft, context) as PhotoKind;
      const source = context.reusableFor(draft, kind) as PhotoJob;
      const index = indexOf(draft, kind);
      const job = draft.jobs[index] as PhotoJob;
      const stamp = formatLocal(draft.acceptedAtMs - rng.int(10, 50) * 60_000).slice(0, 19).replace('T', ' ');
      job.effect = { type: 'disguised-copy', source, brightness: 1.1 + rng.int(0, 10) / 100, width: rng.pick([1280, 1440, 1600]), stamp };
      job.capture = null;
      const sourceTx = source.path.replace(/^photos\//, '').replace(/-[A-Z0-9_]+\.jpg$/, '');
      // A copied exterior photo shows the other car's plate and paint.
      const also = kind === 'INSPECTOR_WITH_VEHICLE' ? [] : ['R30', ...(kind === 'LEFT_FRONT_45' ? ['R38'] : [])];
      return { index, detail: `照片翻拍自业务${sourceTx}(缩放、调亮、加时间水印、重新压缩)`, also };
    },
  },
  BLURRED: {
    eligible: has('RIGHT_REAR_45'),
    apply(draft) {
      const index = indexOf(draft, 'RIGHT_REAR_45');
      (draft.jobs[index] as PhotoJob).effect = { type: 'blur', sigma: 9 };
      return { index, detail: '右后方照片严重模糊', also: [] };
    },
  },
  WRONG_TIME: {
    eligible: (draft) => draft.jobs.length > 0,
    apply(draft, rng) {
      const job = draft.jobs[0] as PhotoJob;
      const hours = rng.int(30, 96);
      const at = draft.acceptedAtMs - hours * 3_600_000;
      job.capture = { ...(job.capture ?? { lat: null, lon: null }), takenAt: formatLocal(at) };
      return { index: 0, detail: `EXIF拍摄时间为受理前${hours}小时`, also: [] };
    },
  },
  WRONG_PLACE: {
    eligible: (draft) => draft.jobs.length > 0,
    apply(draft, rng) {
      const index = draft.jobs.length - 1;
      const job = draft.jobs[index] as PhotoJob;
      const km = rng.int(30, 250) / 10;
      const [lat, lon] = offsetKm(draft.station, km, rng.next() * 2 * Math.PI);
      job.capture = { ...(job.capture ?? { takenAt: null }), lat, lon };
      return { index, detail: `EXIF位置距受理站点约${km}公里`, also: [] };
    },
  },
  INSPECTOR_ABSENT: {
    eligible: has('INSPECTOR_WITH_VEHICLE'),
    apply(draft) {
      const index = indexOf(draft, 'INSPECTOR_WITH_VEHICLE');
      const job = draft.jobs[index] as PhotoJob;
      job.request = { ...job.request, inspectorAbsent: true };
      return { index, detail: '查验员合影中无人', also: [] };
    },
  },
  PLATE_OBSCURED: {
    eligible: (draft) => has('LEFT_FRONT_45')(draft) && draft.jobs[0]?.request.vehicle.plate != null,
    apply(draft) {
      const index = indexOf(draft, 'LEFT_FRONT_45');
      const job = draft.jobs[index] as PhotoJob;
      job.request = { ...job.request, plateSmudge: true };
      return { index, detail: '左前方照片号牌被泥污遮挡，无法识读', also: [] };
    },
  },
  WRONG_COLOUR: {
    eligible: (draft) => has('LEFT_FRONT_45')(draft) && draft.jobs[0]?.request.vehicle.color != null,
    apply(draft) {
      const index = indexOf(draft, 'LEFT_FRONT_45');
      const job = draft.jobs[index] as PhotoJob;
      const color = vividPaint(job.request.vehicle.color);
      job.request = { ...job.request, vehicle: { ...job.request.vehicle, color } };
      return { index, detail: `左前方照片车身为${color}`, also: [] };
    },
  },
};

function reuseKind(draft: SetDraft, context: PlantContext): PhotoKind | null {
  const kinds: PhotoKind[] = ['INSPECTOR_WITH_VEHICLE', 'RIGHT_REAR_45'];
  return kinds.find((kind) => indexOf(draft, kind) >= 0 && context.reusableFor(draft, kind) !== null) ?? null;
}

export function eligible(anomaly: PhotoAnomaly, draft: SetDraft, context: PlantContext): boolean {
  return PLANTS[anomaly].eligible(draft, context);
}

export function plantAnomaly(anomaly: PhotoAnomaly, draft: SetDraft, rng: Rng, context: PlantContext): Planted {
  return PLANTS[anomaly].apply(draft, rng, context);
}

/** A position `km` away from `from` in direction `bearing` (radians), rounded to 6 decimals. */
export function offsetKm(from: { readonly lat: number; readonly lon: number }, km: number, bearing: number): [number, number] {
  const lat = from.lat + (km * Math.cos(bearing)) / 111.32;
  const lon = from.lon + (km * Math.sin(bearing)) / (111.32 * Math.cos((from.lat * Math.PI) / 180));
  return [Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6];
}
