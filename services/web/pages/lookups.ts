/** Small reads several pages share: stations for filters, supervisors for assignment, the names staff know stations and handlers by. */
import type { Database } from '../../platform/db.ts';

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** A station for a filter, with its name alone for table cells. */
export interface StationOption extends Option {
  readonly name: string;
}

export async function stationOptions(db: Database): Promise<StationOption[]> {
  const rows = await db.prisma.station.findMany({ select: { code: true, name: true }, orderBy: { code: 'asc' } });
  return rows.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）`, name: s.name }));
}

/** Station code → name, for tables that list many rows of a few hundred stations. */
export const stationNames = (stations: readonly StationOption[]): ReadonlyMap<string, string> => new Map(stations.map((s) => [s.value, s.name]));

export interface Supervisor {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly senior: boolean;
}

/** Active users who may be given an alert; the use case still checks each rule on assignment. */
export async function supervisors(db: Database): Promise<Supervisor[]> {
  const rows = await db.prisma.user.findMany({
    where: { active: true, roles: { hasSome: ['SUPERVISOR', 'SENIOR_SUPERVISOR'] } },
    select: { id: true, username: true, displayName: true, roles: true }, orderBy: { id: 'asc' },
  });
  return rows.map((u) => ({ id: u.id.toString(), username: u.username, displayName: u.displayName, senior: u.roles.includes('SENIOR_SUPERVISOR') }));
}

export interface ReferenceNames {
  /** Station code → name. */
  readonly stations: ReadonlyMap<string, string>;
  /** Handler id → name (handlers and approvers alike). */
  readonly handlers: ReadonlyMap<string, string>;
}

export const NO_NAMES: ReferenceNames = { stations: new Map(), handlers: new Map() };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The reference data's names for these station codes and handler ids (unknown ones are left out). */
export async function referenceNames(db: Database, codes: { stations: readonly string[]; handlers: readonly string[] }): Promise<ReferenceNames> {
  const stationCodes = [...new Set(codes.stations)];
  const handlerIds = [...new Set(codes.handlers)];
  const [stations, handlers] = await Promise.all([
    stationCodes.length > 0 ? db.prisma.station.findMany({ where: { code: { in: stationCodes } }, select: { code: true, name: true } }) : [],
    handlerIds.length > 0 ? db.prisma.handler.findMany({ where: { id: { in: handlerIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { stations: new Map(stations.map((s) => [s.code, s.name])), handlers: new Map(handlers.map((h) => [h.id, h.name])) };
}

/** The names for the station, handler and approver a stored document names. */
export function referenceNamesOf(db: Database, doc: Record<string, unknown>): Promise<ReferenceNames> {
  const station = text(doc.stationCode);
  const staff = [text(doc.handlerId), text(doc.approverId)].filter((id): id is string => id !== null);
  return referenceNames(db, { stations: station ? [station] : [], handlers: staff });
}
