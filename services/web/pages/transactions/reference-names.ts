/** Names staff know stations and handlers by, for pages that show a transaction's codes. */
import type { Database } from '../../../platform/db.ts';

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

/** "name（code）" when the reference data knows the code, the code alone otherwise. */
export function withName(code: string | null, names: ReadonlyMap<string, string>): string | null {
  if (code === null) return null;
  const name = names.get(code);
  return name ? `${name}（${code}）` : code;
}
