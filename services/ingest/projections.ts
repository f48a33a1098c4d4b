import { bulkPart, type BulkPart } from '../platform/bulk.ts';
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
export function personUpserts(parties: readonly PartyRow[]): BulkPart<unknown> {
  return bulkPart<PartyRow>({
    table: 'person',
    columns: [
      { name: 'key', type: 'text', value: (r) => r.key }, { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'name', type: 'text', value: (r) => r.name }, { name: 'phone', type: 'text', value: (r) => r.phone },
      { name: 'address', type: 'text', value: (r) => r.address },
      { name: 'first_seen_at', type: 'timestamptz', value: (r) => r.seenAt }, { name: 'last_seen_at', type: 'timestamptz', value: (r) => r.seenAt },
    ],
    rows: latestByKey(parties.filter((p) => p.key !== '')),
    suffix: `ON CONFLICT (key) DO UPDATE SET
       ${newerWins('person', ['name', 'phone', 'address'])},
       first_seen_at = LEAST(person.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(person.last_seen_at, EXCLUDED.last_seen_at)`,
  });
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

/** Vehicle records, like persons: the latest non-null details win. */
export function vehicleUpserts(vehicles: readonly VehicleRow[]): BulkPart<unknown> {
  return bulkPart<VehicleRow>({
    table: 'vehicle',
    columns: [
      { name: 'vin', type: 'text', value: (r) => r.key }, { name: 'plate', type: 'text', value: (r) => r.plate },
      { name: 'vehicle_type', type: 'text', value: (r) => r.vehicleType }, { name: 'color', type: 'text', value: (r) => r.color },
      { name: 'first_seen_at', type: 'timestamptz', value: (r) => r.seenAt }, { name: 'last_seen_at', type: 'timestamptz', value: (r) => r.seenAt },
    ],
    rows: latestByKey(vehicles),
    suffix: `ON CONFLICT (vin) DO UPDATE SET
       ${newerWins('vehicle', ['plate', 'vehicle_type', 'color'])},
       first_seen_at = LEAST(vehicle.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(vehicle.last_seen_at, EXCLUDED.last_seen_at)`,
  });
}
