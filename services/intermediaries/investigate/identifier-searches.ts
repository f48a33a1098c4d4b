/**
 * Role rows for searches by an identifier: who used this phone or brought this vehicle, in
 * which role, first and last, how often. Each reads through an index (the transaction's
 * identifier columns, the reference tables), never by scanning. Addresses: address-search.ts.
 */
import type { Reader } from '../reader.ts';
import type { RoleRow } from './person-hits.ts';

const AGGREGATE = 'SELECT person, role, via, min(at) AS first_seen, max(at) AS last_seen, count(*)::int AS transactions FROM u GROUP BY 1, 2, 3';

/**
 * A phone: as an applicant's or an agent's phone on a transaction; as the phone that booked a
 * transaction's appointment (its applicant and agent are listed as booked through it); and as
 * a registered contact — a handler's, a registered clerk's or an organisation's phone.
 */
const PHONE_SQL = `
WITH u AS (
  SELECT applicant_key AS person, 'APPLICANT' AS role, NULL::text AS via, accepted_at AS at FROM transaction WHERE applicant_phone = $1
  UNION ALL SELECT 'P:' || agent_id_number, 'AGENT', NULL, accepted_at FROM transaction WHERE agent_phone = $1 AND agent_id_number IS NOT NULL
  UNION ALL SELECT applicant_key, 'BOOKER', 'booked-for-applicant', accepted_at FROM transaction WHERE booker_phone = $1
  UNION ALL SELECT 'P:' || agent_id_number, 'BOOKER', 'booked-for-agent', accepted_at FROM transaction WHERE booker_phone = $1 AND agent_id_number IS NOT NULL)
${AGGREGATE}
UNION ALL SELECT 'P:' || id_number, 'CONTACT', 'handler:' || id, NULL, NULL, 0 FROM handler WHERE phone = $1 AND id_number IS NOT NULL
UNION ALL SELECT 'P:' || id_number, 'CONTACT', 'clerk:' || org_code, NULL, NULL, 0 FROM organisation_clerk WHERE phone = $1
UNION ALL SELECT 'O:' || org_code, 'CONTACT', 'organisation', NULL, NULL, 0 FROM organisation WHERE $1 = ANY(phones)`;

export async function phoneRoles(reader: Reader, phone: string): Promise<RoleRow[]> {
  return reader.query<RoleRow>(PHONE_SQL, [phone]);
}

/** A vehicle by plate or VIN: its applicants and agents. */
function vehicleSql(column: 'plate' | 'vin'): string {
  return `
WITH u AS (
  SELECT applicant_key AS person, 'APPLICANT' AS role, NULL::text AS via, accepted_at AS at FROM transaction WHERE ${column} = $1
  UNION ALL SELECT 'P:' || agent_id_number, 'AGENT', NULL, accepted_at FROM transaction WHERE ${column} = $1 AND agent_id_number IS NOT NULL)
${AGGREGATE}`;
}

export async function vehicleRoles(reader: Reader, column: 'plate' | 'vin', value: string): Promise<RoleRow[]> {
  return reader.query<RoleRow>(vehicleSql(column), [value]);
}

export interface VehicleHit {
  readonly vin: string;
  readonly plate: string | null;
  readonly vehicleType: string | null;
  readonly color: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

interface VehicleRow extends Record<string, unknown> { vin: string; plate: string | null; vehicle_type: string | null; color: string | null; first_seen_at: Date | string; last_seen_at: Date | string }

export async function vehicles(reader: Reader, column: 'plate' | 'vin', value: string): Promise<VehicleHit[]> {
  const rows = await reader.query<VehicleRow>(`SELECT vin, plate, vehicle_type, color, first_seen_at, last_seen_at FROM vehicle WHERE ${column} = $1 ORDER BY vin`, [value]);
  return rows.map((r) => ({
    vin: r.vin, plate: r.plate, vehicleType: r.vehicle_type, color: r.color,
    firstSeen: new Date(r.first_seen_at).toISOString(), lastSeen: new Date(r.last_seen_at).toISOString(),
  }));
}
