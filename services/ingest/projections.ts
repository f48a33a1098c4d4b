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

/**
 * The upsert of a projection keyed by `key`: details seen later win, nulls never erase what is
 * known, first/last seen widen. A derived column (`derived`: column → its source) is taken
 * from the same row its source is taken from, so the two never disagree.
 */
function newerWinsUpsert(table: string, key: string, columns: readonly string[], derived: Readonly<Record<string, string>> = {}): string {
  const newer = `EXCLUDED.last_seen_at >= ${table}.last_seen_at`;
  const details = columns
    .map((c) => `${c} = CASE WHEN ${newer} THEN COALESCE(EXCLUDED.${c}, ${table}.${c}) ELSE COALESCE(${table}.${c}, EXCLUDED.${c}) END`);
  const follows = Object.entries(derived).map(([c, source]) =>
    `${c} = CASE WHEN (${newer} AND EXCLUDED.${source} IS NOT NULL) OR (NOT (${newer}) AND ${table}.${source} IS NULL) THEN EXCLUDED.${c} ELSE ${table}.${c} END`);
  return `ON CONFLICT (${key}) DO UPDATE SET
       ${[...details, ...follows].join(',\n       ')},
       first_seen_at = LEAST(${table}.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(${table}.last_seen_at, EXCLUDED.last_seen_at)`;
}

/** Person records: the latest non-null details win; first/last seen widen. */
export function personUpserts(parties: readonly PartyRow[]): BulkPart<unknown> {
  return bulkPart<PartyRow>({
    table: 'person',
    columns: [
      { name: 'key', type: 'text', value: (r) => r.key }, { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'name', type: 'text', value: (r) => r.name }, { name: 'phone', type: 'text', value: (r) => r.phone },
      { name: 'address', type: 'text', value: (r) => r.address }, { name: 'address_canonical', type: 'text', value: (r) => r.addressCanonical },
      { name: 'first_seen_at', type: 'timestamptz', value: (r) => r.seenAt }, { name: 'last_seen_at', type: 'timestamptz', value: (r) => r.seenAt },
    ],
    rows: latestByKey(parties.filter((p) => p.key !== '')),
    suffix: newerWinsUpsert('person', 'key', ['name', 'phone', 'address'], { address_canonical: 'address' }),
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
    suffix: newerWinsUpsert('vehicle', 'vin', ['plate', 'vehicle_type', 'color']),
  });
}
