import type { Tx } from '../platform/db.ts';
import { normalisePlate, normaliseVin } from '../domain/index.ts';
import type { PartyRow } from './rows.ts';
import type { Transaction } from './schema/index.ts';

/** Keeps one row per key (the latest seen), since one upsert statement may touch a row once. */
function latestByKey<T extends { key: string; seenAt: Date }>(rows: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const known = byKey.get(row.key);
    if (!known || known.seenAt <= row.seenAt) byKey.set(row.key, row);
  }
  return [...byKey.values()];
}

/** SET clause where details seen later win, and nulls never erase what is known. */
function newerWins(table: string, columns: readonly string[]): string {
  return columns
    .map((c) => `${c} = CASE WHEN EXCLUDED.last_seen_at >= ${table}.last_seen_at THEN COALESCE(EXCLUDED.${c}, ${table}.${c}) ELSE COALESCE(${table}.${c}, EXCLUDED.${c}) END`)
    .join(',\n       ');
}

/** Person records: the latest non-null details win; first/last seen widen. */
export async function upsertPersons(tx: Tx, parties: readonly PartyRow[]): Promise<void> {
  const rows = latestByKey(parties.filter((p) => p.key !== ''));
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO person (key, kind, name, phone, address, first_seen_at, last_seen_at)
     SELECT k, kd, n, p, a, s, s FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS u(k, kd, n, p, a, s)
     ON CONFLICT (key) DO UPDATE SET
       ${newerWins('person', ['name', 'phone', 'address'])},
       first_seen_at = LEAST(person.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(person.last_seen_at, EXCLUDED.last_seen_at)`,
    rows.map((r) => r.key), rows.map((r) => r.kind), rows.map((r) => r.name), rows.map((r) => r.phone),
    rows.map((r) => r.address), rows.map((r) => r.seenAt.toISOString()),
  );
}

interface VehicleRow {
  readonly key: string;
  readonly plate: string | null;
  readonly vehicleType: string | null;
  readonly color: string | null;
  readonly seenAt: Date;
}

export function vehicleRow(transaction: Transaction): VehicleRow | null {
  const vin = normaliseVin(transaction.vehicle?.vin);
  if (!transaction.vehicle || !vin) return null;
  return {
    key: vin,
    plate: normalisePlate(transaction.vehicle.plate),
    vehicleType: transaction.vehicle.vehicleType,
    color: transaction.vehicle.color,
    seenAt: new Date(transaction.acceptedAt),
  };
}

export async function upsertVehicles(tx: Tx, vehicles: readonly VehicleRow[]): Promise<void> {
  const rows = latestByKey(vehicles);
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO vehicle (vin, plate, vehicle_type, color, first_seen_at, last_seen_at)
     SELECT v, p, t, c, s, s FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(v, p, t, c, s)
     ON CONFLICT (vin) DO UPDATE SET
       ${newerWins('vehicle', ['plate', 'vehicle_type', 'color'])},
       first_seen_at = LEAST(vehicle.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(vehicle.last_seen_at, EXCLUDED.last_seen_at)`,
    rows.map((r) => r.key), rows.map((r) => r.plate), rows.map((r) => r.vehicleType), rows.map((r) => r.color),
    rows.map((r) => r.seenAt.toISOString()),
  );
}
