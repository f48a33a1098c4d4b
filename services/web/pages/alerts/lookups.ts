/** Small reads the alert pages share: station names for filters, user names for assignees. */
import type { Database } from '../../../platform/db.ts';

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
