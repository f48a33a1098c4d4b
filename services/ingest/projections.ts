import { bulkPart, type AnyBulkPart } from '../platform/bulk.ts';
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

/**
 * A batch's person writes: the records (the latest non-null details win; first/last seen widen)
 * and the names they do not take, kept as former names.
 */
export function personParts(parties: readonly PartyRow[]): AnyBulkPart[] {
  const keyed = parties.filter((p) => p.key !== '');
  const winners = latestByKey(keyed);
  return [personUpserts(winners), formerNameInserts(keyed, new Map(winners.map((w) => [w.key, w])))];
}

function personUpserts(winners: readonly PartyRow[]): AnyBulkPart {
  return bulkPart<PartyRow>({
    table: 'person',
    columns: [
      { name: 'key', type: 'text', value: (r) => r.key }, { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'name', type: 'text', value: (r) => r.name }, { name: 'phone', type: 'text', value: (r) => r.phone },
      { name: 'address', type: 'text', value: (r) => r.address }, { name: 'address_canonical', type: 'text', value: (r) => r.addressCanonical },
      { name: 'first_seen_at', type: 'timestamptz', value: (r) => r.seenAt }, { name: 'last_seen_at', type: 'timestamptz', value: (r) => r.seenAt },
    ],
    rows: winners,
    suffix: newerWinsUpsert('person', 'key', ['name', 'phone', 'address'], { address_canonical: 'address' }),
  });
}

/** A name a batch offers for a person, with what the person upsert will weigh it against. */
interface OfferedName {
  readonly key: string;
  readonly name: string;
  /** The latest time this batch shows the person under this name. */
  readonly seenAt: Date;
  /** The batch's row for the person that the upsert takes (latestByKey). */
  readonly winner: PartyRow;
}

/**
 * The names a batch offers for a person that do not end up as the person's name, kept as former
 * names (曾用名) for investigator search: names older than the stored one (a late file, a
 * back-dated transaction) and names a later row of the same batch replaced. The person's final
 * name is worked out the way `newerWinsUpsert` picks it, against the record as it was before the
 * statement; the name the upsert replaces is kept by the trigger of migration 0012.
 */
function formerNameInserts(keyed: readonly PartyRow[], winners: ReadonlyMap<string, PartyRow>): AnyBulkPart {
  const offered = new Map<string, OfferedName>();
  for (const party of keyed) {
    if (party.name === null) continue;
    const id = `${party.key}\u0000${party.name}`;
    const known = offered.get(id);
    if (!known || known.seenAt < party.seenAt) offered.set(id, { key: party.key, name: party.name, seenAt: party.seenAt, winner: winners.get(party.key)! });
  }
  return bulkPart<OfferedName>({
    columns: [
      { name: 'person_key', type: 'text', value: (o) => o.key }, { name: 'name', type: 'text', value: (o) => o.name },
      { name: 'last_seen_at', type: 'timestamptz', value: (o) => o.seenAt },
      { name: 'winner_name', type: 'text', value: (o) => o.winner.name }, { name: 'winner_seen_at', type: 'timestamptz', value: (o) => o.winner.seenAt },
    ],
    rows: [...offered.values()],
    // One index probe per name (OFFSET 0 keeps the lateral from being flattened into a join,
    // which on a small or unanalysed person table is planned as a scan of every person).
    statement: (rows) => `INSERT INTO person_former_name (person_key, name, last_seen_at)
      SELECT u.c0, u.c1, u.c2 FROM ${rows}
      LEFT JOIN LATERAL (SELECT p.key, p.name, p.last_seen_at FROM person p WHERE p.key = u.c0 OFFSET 0) p ON true
      WHERE u.c1 IS DISTINCT FROM CASE WHEN p.key IS NULL OR u.c4 >= p.last_seen_at THEN COALESCE(u.c3, p.name) ELSE COALESCE(p.name, u.c3) END
      ON CONFLICT (person_key, name) DO UPDATE SET last_seen_at = GREATEST(person_former_name.last_seen_at, EXCLUDED.last_seen_at)`,
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
export function vehicleUpserts(vehicles: readonly VehicleRow[]): AnyBulkPart {
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
