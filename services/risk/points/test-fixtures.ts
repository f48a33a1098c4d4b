/**
 * A clean baseline Features on which no risk point fires (apart from R41 nowhere: TRANSFER is
 * not key business), so that each test states only what differs. Shared by every R*.test.ts.
 */
import { expect } from 'vitest';
import { BUSINESS_TYPE_CODES, type PhotoKind } from '../../domain/index.ts';
import { idNumberCheckChar } from '../../domain/check-digits.ts';
import {
  handlerSchema, organisationSchema, stationSchema, transactionSchema,
  type Handler, type Organisation, type Station, type Transaction, type TransactionInput,
} from '../../ingest/schema/index.ts';
import type { Aggregates, Features, PhotoFindings, ReferenceFeatures } from '../features.ts';
import type { AnyRiskPoint, RiskOutcome } from './types.ts';

/** A valid GB 11643 number for a region, birth date (YYYYMMDD) and sequence. */
export function validId(birth = '19900101', region = '330102', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + (idNumberCheckChar(first17) ?? 'X');
}

export const IDS = {
  applicant: validId('19900101', '330102', '123'),
  agent: validId('19850505', '330106', '231'),
  handler: validId('19800202', '330103', '311'),
  approver: validId('19750303', '330104', '411'),
  clerk: validId('19920707', '330105', '511'),
} as const;

export const PHONES = {
  applicant: '13800000000', agent: '13900000000', handler: '13700000001', approver: '13700000002',
  booker: '13600000000', clerk: '13500000000', org: '0571-88888888',
} as const;

export const VIN = 'LSVAU218XN2183294';
export const STATION_CODE = '330100-DMV-01';
export const ORG_CODE = '91330100MA2XXXXXX1';
export const sha = (n: number): string => n.toString(16).padStart(64, '0');

export const STATION: Station = stationSchema.parse({
  code: STATION_CODE, name: '杭州市车管所', kind: 'DMV', lat: 30.27, lon: 120.15,
  hours: { mon: '08:30-17:30', tue: '08:30-17:30', wed: '08:30-17:30', thu: '08:30-17:30', fri: '08:30-17:30', sat: '09:00-12:00' },
  workstations: ['WS-330100-01-07'],
});

const handler = (id: string, name: string, idNumber: string, phone: string): Handler => handlerSchema.parse({
  id, name, idNumber, phone, role: 'OFFICER', stations: [STATION_CODE], permissions: [...BUSINESS_TYPE_CODES], active: true,
});
export const HANDLER = handler('H10023', '王五', IDS.handler, PHONES.handler);
export const APPROVER = handler('H10007', '赵六', IDS.approver, PHONES.approver);

export const ORGANISATION: Organisation = organisationSchema.parse({
  orgCode: ORG_CODE, name: '某4S店', kind: 'DEALER',
  clerks: [{ idNumber: IDS.clerk, name: '孙七', phone: PHONES.clerk }], phones: [PHONES.org],
});

const TRANSFER_PHOTOS: PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45', 'VIN_RUBBING', 'INSPECTOR_WITH_VEHICLE'];

const BASE_INPUT: TransactionInput = {
  id: '330100-2026-0000123', version: 1, type: 'TRANSFER', status: 'COMPLETED',
  acceptedAt: '2026-03-02T09:15:00+08:00', completedAt: '2026-03-02T09:52:00+08:00',
  stationCode: STATION_CODE, handlerId: HANDLER.id, approverId: APPROVER.id, workstationId: 'WS-330100-01-07', channel: 'COUNTER',
  applicant: { kind: 'PERSON', idNumber: IDS.applicant, name: '张三', phone: PHONES.applicant, address: '杭州市上城区解放路100号', identityCheck: 'PASSED' },
  agent: null,
  vehicle: { plate: '浙A3B719', vin: VIN, vehicleType: 'K33', color: 'WHITE' },
  appointment: { id: 'AP-1', bookedAt: '2026-03-01T20:00:00+08:00', bookerPhone: PHONES.applicant, bookerAccount: 'u-8812' },
  flags: { override: false, tolerance: false, toleranceDueAt: null },
  materials: [
    { kind: 'ID_CARD', sha256: sha(1), validUntil: '2031-05-01', subjectVin: null, subjectIdNumber: IDS.applicant },
    { kind: 'REG_CERT', sha256: sha(2), validUntil: null, subjectVin: VIN, subjectIdNumber: null },
    { kind: 'TRANSFER_INVOICE', sha256: sha(3), validUntil: null, subjectVin: VIN, subjectIdNumber: IDS.applicant },
    { kind: 'INSURANCE', sha256: sha(4), validUntil: '2027-03-01', subjectVin: VIN, subjectIdNumber: null },
  ],
  photos: TRANSFER_PHOTOS.map((kind, i) => ({
    kind, sha256: sha(100 + i), takenAt: `2026-03-02T09:2${i}:00+08:00`, lat: 30.2705, lon: 120.1505,
  })),
};

export const BASE_TX: Transaction = transactionSchema.parse(BASE_INPUT);

/** Clean findings for a photo of a kind, at an index; pass overrides for what a test needs. */
export function photoFinding(index: number, kind: PhotoKind, overrides: Partial<PhotoFindings> = {}): PhotoFindings {
  const showsPlate = kind === 'LEFT_FRONT_45' || kind === 'RIGHT_REAR_45';
  const showsVin = kind === 'VIN_STAMP' || kind === 'VIN_RUBBING';
  return {
    index, kind, sha256: sha(100 + index), decodable: true,
    exif: { takenAt: `2026-03-02T09:2${index % 10}:05+08:00`, lat: 30.2706, lon: 120.1506 },
    predictedKind: { value: kind, confidence: 0.95 },
    plate: showsPlate ? { value: '浙A3B719', confidence: 0.97 } : null,
    vin: showsVin ? { value: VIN, confidence: 0.96 } : null,
    quality: { width: 1920, height: 1080, blur: 0.1, exposure: 0.5, bounds: { blur: { min: 0, max: 0.4 }, exposure: { min: 0.2, max: 0.8 } } },
    persons: kind === 'INSPECTOR_WITH_VEHICLE' ? [{ confidence: 0.93 }] : [],
    color: kind === 'LEFT_FRONT_45' ? { value: 'WHITE', confidence: 0.9 } : null,
    nearDuplicates: [],
    ...overrides,
  };
}

export const BASE_PHOTOS: readonly PhotoFindings[] = TRANSFER_PHOTOS.map((kind, i) => photoFinding(i, kind));

export const BASE_AGGREGATES: Aggregates = {
  handlerDayCount: 12,
  handlerNearby: { windowMinutes: 30, items: [] },
  applicantRegistrations: { windowDays: 30, value: 1 },
  applicantPhoneApplicants: { windowDays: 90, value: 1 },
  addressApplicants: { windowDays: 90, value: [{ key: `P:${IDS.applicant}`, kind: 'PERSON', name: '张三' }] },
  agentPrincipals: { windowDays: 30, value: [] },
  agentTransactions: { windowDays: 90, value: { total: 0, withThisHandler: 0 } },
  bookerPhoneApplicants: { windowDays: 7, value: 1 },
  bookerAccountApplicants: { windowDays: 7, value: 1 },
  previousRegistration: null,
  materialReuse: [],
  photoSha256Reuse: [],
};

export const BASE_REFERENCE: ReferenceFeatures = {
  station: STATION, handler: HANDLER, approver: APPROVER, organisations: [ORGANISATION],
  intermediaryBlacklist: [], personWatchlist: [],
};

/** A clean agent (with the power of attorney it needs, added by `withAgent`). */
export const AGENT: NonNullable<Transaction['agent']> = {
  idNumber: IDS.agent, name: '李四', phone: PHONES.agent, address: '杭州市西湖区文三路8号', identityCheck: 'PASSED', orgCode: null,
};

type Tx = Transaction;
export interface TxPatch extends Partial<Omit<Tx, 'applicant' | 'agent' | 'vehicle' | 'flags' | 'appointment'>> {
  readonly applicant?: Partial<Tx['applicant']>;
  readonly agent?: Partial<NonNullable<Tx['agent']>> | null;
  readonly vehicle?: Partial<NonNullable<Tx['vehicle']>> | null;
  readonly flags?: Partial<Tx['flags']>;
  readonly appointment?: Partial<NonNullable<Tx['appointment']>> | null;
}

export interface FeaturesPatch extends Partial<Omit<Features, 'tx' | 'reference' | 'aggregates'>> {
  readonly tx?: TxPatch;
  readonly reference?: Partial<ReferenceFeatures>;
  readonly aggregates?: Partial<Aggregates>;
}

/** Merges one level deep into nested objects; `null` replaces (agent: null removes the agent). */
function mergeNested<T extends object>(base: T | null, patch: Partial<T> | null | undefined): T | null {
  if (patch === undefined) return base;
  if (patch === null) return null;
  return { ...(base ?? {}), ...patch } as T;
}

export function patchTx(patch: TxPatch = {}, base: Transaction = BASE_TX): Transaction {
  return {
    ...base,
    ...patch,
    applicant: { ...base.applicant, ...patch.applicant },
    agent: mergeNested(base.agent, patch.agent),
    vehicle: mergeNested(base.vehicle, patch.vehicle),
    flags: { ...base.flags, ...patch.flags },
    appointment: mergeNested(base.appointment, patch.appointment),
  };
}

/** The baseline Features with a patch applied. `photos`, `rings`, `toleranceSweep` may be set to undefined. */
export function features(patch: FeaturesPatch = {}): Features {
  return {
    tx: patchTx(patch.tx),
    reference: { ...BASE_REFERENCE, ...patch.reference },
    revision: patch.revision === undefined ? null : patch.revision,
    aggregates: { ...BASE_AGGREGATES, ...patch.aggregates },
    photos: 'photos' in patch ? patch.photos : BASE_PHOTOS,
    rings: 'rings' in patch ? patch.rings : [],
    toleranceSweep: 'toleranceSweep' in patch ? patch.toleranceSweep : undefined,
  };
}

/** A transaction patch that adds the clean agent with a power of attorney. */
export function withAgent(agent: Partial<NonNullable<Tx['agent']>> = {}, tx: TxPatch = {}): TxPatch {
  return {
    ...tx,
    agent: { ...AGENT, ...agent },
    materials: tx.materials ?? [...BASE_TX.materials, { kind: 'POWER_OF_ATTORNEY', sha256: sha(9), validUntil: null, subjectVin: null, subjectIdNumber: IDS.applicant }],
  };
}

/** Evaluates a point on patched features with (partial) parameters over its defaults. */
export function run(point: AnyRiskPoint, patch: FeaturesPatch = {}, params: Record<string, unknown> = {}): RiskOutcome {
  return point.evaluate(features(patch), point.paramsSchema.parse(params));
}

export type Expected = 'hit' | 'miss' | 'pending';

/** Asserts the outcome kind; for a hit, a non-empty Chinese reason. Returns the outcome. */
export function expectOutcome(outcome: RiskOutcome, expected: Expected): RiskOutcome {
  expect(outcome.outcome).toBe(expected);
  if (outcome.outcome === 'hit') expect(outcome.reason).toMatch(/[\u4e00-\u9fff]/);
  return outcome;
}

/** The evidence of a hit (fails the test when the outcome is not a hit). */
export function evidenceOf(outcome: RiskOutcome): Record<string, unknown> {
  if (outcome.outcome !== 'hit') throw new Error(`expected a hit, got ${outcome.outcome}`);
  return outcome.evidence;
}

/** The reason of a hit. */
export function reasonOf(outcome: RiskOutcome): string {
  if (outcome.outcome !== 'hit') throw new Error(`expected a hit, got ${outcome.outcome}`);
  return outcome.reason;
}
