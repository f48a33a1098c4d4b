/**
 * Output shapes of the simulator. Fields are declared in contract order and always present,
 * so JSON.stringify yields the same bytes for the same world.
 */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import type {
  ApplicantKind, Channel, HandlerRole, IdentityCheck, MaterialKind, OrganisationKind, PhotoKind, StationKind,
  TransactionStatus, VehicleColor,
} from '../domain/codes.ts';
import type { Hours } from './time.ts';

export interface TxApplicant {
  kind: ApplicantKind;
  idNumber: string | null;
  orgCode: string | null;
  name: string | null;
  phone: string | null;
  address: string | null;
  identityCheck: IdentityCheck;
}

export interface TxAgent {
  idNumber: string;
  name: string | null;
  phone: string | null;
  address: string | null;
  identityCheck: IdentityCheck;
  orgCode: string | null;
}

export interface TxVehicle {
  plate: string | null;
  vin: string | null;
  vehicleType: string | null;
  color: VehicleColor | null;
}

export interface TxAppointment {
  id: string;
  bookedAt: string | null;
  bookerPhone: string | null;
  bookerAccount: string | null;
}

export interface TxMaterial {
  kind: MaterialKind;
  sha256: string | null;
  validUntil: string | null;
  subjectVin: string | null;
  subjectIdNumber: string | null;
}

/** The file-import form (relative path); planned by photos.ts when photos are asked for. */
export interface TxPhoto {
  kind: PhotoKind;
  path: string;
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
}

export interface SimTransaction {
  id: string;
  version: number;
  type: BusinessTypeCode;
  status: TransactionStatus;
  acceptedAt: string;
  completedAt: string | null;
  stationCode: string;
  handlerId: string;
  approverId: string | null;
  workstationId: string | null;
  channel: Channel;
  applicant: TxApplicant;
  agent: TxAgent | null;
  vehicle: TxVehicle | null;
  appointment: TxAppointment | null;
  flags: { override: boolean; tolerance: boolean; toleranceDueAt: string | null };
  materials: TxMaterial[];
  photos: TxPhoto[];
  extra: Record<string, unknown>;
}

export interface ReferenceInputDoc {
  stations: { code: string; name: string; kind: StationKind; lat: number; lon: number; hours: Hours; workstations: string[] }[];
  handlers: {
    id: string; name: string; idNumber: string; phone: string; role: HandlerRole; stations: string[];
    permissions: BusinessTypeCode[]; active: boolean;
  }[];
  organisations: {
    orgCode: string; name: string; kind: OrganisationKind;
    clerks: { idNumber: string; name: string; phone: string }[]; phones: string[];
  }[];
  lists: {
    intermediaryBlacklist: { idNumber: string | null; phone: string | null; reason: string }[];
    personWatchlist: { idNumber: string | null; phone: string | null; reason: string }[];
  };
}

export type Tier = 'easy' | 'medium' | 'hard';
export type ProxyKind = OrganisationKind | 'FAMILY';

export interface Truth {
  seed: string | number;
  days: number;
  tier: Tier;
  start: string;
  perDay: number;
  planted: Record<string, string[]>;
  expectedDeterministicHits: Record<string, string[]>;
  touts: { idNumber: string; phone: string; ringId: string }[];
  rings: { ringId: string; members: string[]; phones: string[]; bookerAccounts: string[]; handlers: string[] }[];
  colludingHandlers: string[];
  legitimateProxies: { idNumber: string; kind: ProxyKind }[];
  /** Clean transactions sitting exactly on a rule's boundary: they must fire nothing. */
  edgeCases: Record<string, string>;
  /** Present only when the world was simulated with photos. */
  photos?: PhotoTruth;
  stats: {
    lines: number;
    transactions: number;
    byRole: Record<string, number>;
    byType: Record<string, number>;
    /** Draws rejected by the ground-truth check, by the point they would have fired. */
    redraws: Record<string, number>;
  };
}

/** Ground truth of the photos (simulate --photos). */
export interface PhotoTruth {
  share: number;
  anomalyShare: number;
  /** Transactions given a photo set, in file order. */
  transactions: string[];
  /** One planted anomaly per listed transaction; every other photo set is clean. */
  anomalies: Record<string, {
    anomaly: string;
    /** The point meant to find it; null for what only a reviewer decides (an obscured plate). */
    point: string | null;
    photoIndex: number;
    kind: PhotoKind;
    detail: string;
    /** Points that may fire too, as a consequence of the same change. */
    also: string[];
  }>;
  /** Clean photo sets whose record contradicts them by design (a mistyped VIN, R32). */
  recordMismatch: Record<string, string>;
}
