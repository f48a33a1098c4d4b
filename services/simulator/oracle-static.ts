/**
 * The simulator's own reading of the risk points that depend on one transaction and the
 * reference data alone. It decides ground truth while generating (a clean draft that would
 * fire anything is re-drawn), so it follows risk-points.md word for word.
 */
import { businessType } from '../domain/business-types.ts';
import { isValidVin } from '../domain/check-digits.ts';
import type { Weekday } from '../domain/codes.ts';
import { normaliseIdNumber, normalisePhone } from '../domain/normalise.ts';
import { ageOn, isValidIdNumber } from './identity.ts';
import { isOpenAt } from './time.ts';
import type { ReferenceInputDoc, SimTransaction } from './types.ts';

export interface OracleRef {
  readonly stations: Map<string, { lat: number | null; lon: number | null; hours: Partial<Record<Weekday, string>>; workstations: string[] }>;
  readonly handlers: Map<string, { idNumber: string | null; phone: string | null; active: boolean; permissions: string[]; stations: string[] }>;
  readonly watchIds: Set<string>;
  readonly blackIds: Set<string>;
  readonly blackPhones: Set<string>;
  readonly clerksByOrg: Map<string, Set<string>>;
  /** R14 ignores the phones of registered organisations and of their clerks. */
  readonly orgPhones: Set<string>;
}

function present<T>(values: readonly (T | null | undefined)[]): T[] {
  return values.filter((v): v is T => v !== null && v !== undefined);
}

export function oracleRefOf(doc: ReferenceInputDoc): OracleRef {
  const ids = (list: { idNumber: string | null }[]) => new Set(present(list.map((e) => normaliseIdNumber(e.idNumber))));
  const orgPhones = doc.organisations.flatMap((o) => [...o.phones, ...o.clerks.map((c) => c.phone)]);
  return {
    stations: new Map(doc.stations.map((s) => [s.code, s])),
    handlers: new Map(doc.handlers.map((h) => [h.id, h])),
    watchIds: ids(doc.lists.personWatchlist),
    blackIds: ids(doc.lists.intermediaryBlacklist),
    blackPhones: new Set(present(doc.lists.intermediaryBlacklist.map((e) => normalisePhone(e.phone)))),
    clerksByOrg: new Map(doc.organisations.map((o) => [o.orgCode, new Set(present(o.clerks.map((c) => normaliseIdNumber(c.idNumber))))])),
    orgPhones: new Set(present(orgPhones.map((p) => normalisePhone(p)))),
  };
}

export function isRegisteredClerk(tx: SimTransaction, ref: OracleRef): boolean {
  const agent = tx.agent;
  if (!agent?.orgCode) return false;
  return ref.clerksByOrg.get(agent.orgCode)?.has(normaliseIdNumber(agent.idNumber) ?? '') ?? false;
}

function partyIds(tx: SimTransaction): string[] {
  return present([normaliseIdNumber(tx.applicant.idNumber), normaliseIdNumber(tx.agent?.idNumber)]);
}

function partyPhones(tx: SimTransaction): string[] {
  return present([normalisePhone(tx.applicant.phone), normalisePhone(tx.agent?.phone)]);
}

type Rule = (tx: SimTransaction, ref: OracleRef, date: string) => boolean;

const r01: Rule = (tx, ref) => {
  const h = ref.handlers.get(tx.handlerId);
  return !h || !h.active || !h.permissions.includes(tx.type) || !h.stations.includes(tx.stationCode);
};

const r02: Rule = (tx, ref) => {
  const station = ref.stations.get(tx.stationCode);
  return tx.channel !== 'ONLINE' && station !== undefined && !isOpenAt(station.hours, Date.parse(tx.acceptedAt));
};

const r03: Rule = (tx, ref) => {
  const list = ref.stations.get(tx.stationCode)?.workstations ?? [];
  return list.length > 0 && (tx.workstationId === null || !list.includes(tx.workstationId));
};

const r05: Rule = (tx, ref) => {
  const staff = present([ref.handlers.get(tx.handlerId), tx.approverId ? ref.handlers.get(tx.approverId) : null]);
  const ids = partyIds(tx);
  const phones = partyPhones(tx);
  return staff.some((h) => ids.includes(normaliseIdNumber(h.idNumber) ?? '-') || phones.includes(normalisePhone(h.phone) ?? '-'));
};

const r06: Rule = (tx) => businessType(tx.type).key && (tx.approverId === null || tx.approverId === tx.handlerId);

const r09: Rule = (tx, _ref, date) =>
  (tx.applicant.kind === 'PERSON' && !isValidIdNumber(tx.applicant.idNumber, date))
  || (tx.agent !== null && !isValidIdNumber(tx.agent.idNumber, date));

const r10: Rule = (tx) => {
  if (tx.channel !== 'COUNTER' && tx.channel !== 'PARTNER') return false;
  const person = tx.agent ?? (tx.applicant.kind === 'PERSON' ? tx.applicant : null);
  return person !== null && person.identityCheck !== 'PASSED';
};

const r11: Rule = (tx, ref) => partyIds(tx).some((id) => ref.watchIds.has(id));

const r12: Rule = (tx, _ref, date) => {
  if (tx.applicant.kind !== 'PERSON' || !isValidIdNumber(tx.applicant.idNumber, date)) return false;
  const age = ageOn((normaliseIdNumber(tx.applicant.idNumber) ?? '').slice(6, 14), date);
  return (tx.type === 'DL_APPLY' && age < 18) || age >= 101;
};

const r17: Rule = (tx, ref) => partyIds(tx).some((id) => ref.blackIds.has(id)) || partyPhones(tx).some((p) => ref.blackPhones.has(p));

const r18: Rule = (tx) => tx.agent !== null && !tx.materials.some((m) => m.kind === 'POWER_OF_ATTORNEY');

const r23: Rule = (tx) =>
  !tx.flags.tolerance && businessType(tx.type).requiredMaterials.some((k) => !tx.materials.some((m) => m.kind === k));

const r26: Rule = (tx, _ref, date) => tx.materials.some((m) => m.validUntil !== null && m.validUntil < date);

const r27: Rule = (tx) => {
  const ids = partyIds(tx);
  return tx.materials.some((m) => (m.subjectVin !== null && m.subjectVin !== tx.vehicle?.vin)
    || (m.subjectIdNumber !== null && !ids.includes(normaliseIdNumber(m.subjectIdNumber) ?? '')));
};

const r32: Rule = (tx) => typeof tx.vehicle?.vin === 'string' && !isValidVin(tx.vehicle.vin);

const r39: Rule = (tx) => tx.completedAt !== null
  && Date.parse(tx.completedAt) - Date.parse(tx.acceptedAt) < businessType(tx.type).minMinutes * 60_000;

const r40: Rule = (tx) => tx.flags.override;

const RULES: readonly (readonly [string, Rule])[] = [
  ['R01', r01], ['R02', r02], ['R03', r03], ['R05', r05], ['R06', r06], ['R09', r09], ['R10', r10], ['R11', r11],
  ['R12', r12], ['R17', r17], ['R18', r18], ['R23', r23], ['R26', r26], ['R27', r27], ['R32', r32], ['R39', r39],
  ['R40', r40],
];

/** Static points that fire; `date` is the local acceptance date. R41 is left to the caller. */
export function staticHits(tx: SimTransaction, ref: OracleRef, date: string): string[] {
  return RULES.filter(([, rule]) => rule(tx, ref, date)).map(([code]) => code);
}
