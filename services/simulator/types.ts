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

/** Photos arrive in a later issue; the shape is the file-import form (relative path). */
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
  stats: {
    lines: number;
    transactions: number;
    byRole: Record<string, number>;
    byType: Record<string, number>;
    /** Draws rejected by the ground-truth check, by the point they would have fired. */
    redraws: Record<string, number>;
  };
}
