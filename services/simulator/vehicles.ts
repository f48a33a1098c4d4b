/** Vehicles of the simulated world: valid VINs with realistic Chinese WMIs, ordinary plates. */
import type { VehicleColor } from '../domain/codes.ts';
import { FUEL_WMIS, NEV_WMIS, type Registry, makePlate, makeVin } from './identity.ts';
import type { Rng } from './prng.ts';

export interface Vehicle {
  readonly vin: string;
  readonly plate: string | null;
  readonly color: VehicleColor;
  readonly vehicleType: string;
}

const COLORS: readonly (readonly [VehicleColor, number])[] = [
  ['WHITE', 35], ['BLACK', 25], ['SILVER', 12], ['GREY', 12], ['RED', 5], ['BLUE', 5], ['YELLOW', 1], ['GREEN', 1],
  ['BROWN', 2], ['OTHER', 2],
];
const TYPES: readonly (readonly [string, number])[] = [['K33', 60], ['K31', 25], ['K32', 6], ['H31', 4], ['K11', 1]];

export interface VehicleOptions {
  readonly year: number;
  readonly newEnergy?: boolean;
  readonly wmis?: readonly string[];
  /** false: not yet plated (REG_NEW before a number is chosen); a string: that plate. */
  readonly plate?: boolean | string;
}

export function makeVehicle(rng: Rng, registry: Registry, o: VehicleOptions): Vehicle {
  const newEnergy = o.newEnergy ?? rng.chance(o.year >= 2024 ? 0.3 : 0.1);
  const wmi = rng.pick(o.wmis ?? (newEnergy ? NEV_WMIS : FUEL_WMIS));
  const plate = typeof o.plate === 'string' ? o.plate : o.plate === false ? null : makePlate(rng, registry, newEnergy);
  return {
    vin: makeVin(rng, registry, wmi, o.year),
    plate,
    color: rng.weighted(COLORS),
    vehicleType: newEnergy ? rng.pick(['K33', 'K31']) : rng.weighted(TYPES),
  };
}

/** A car already on the road, for transfers, mortgages and inspections. */
export function usedVehicle(rng: Rng, registry: Registry, year: number): Vehicle {
  return makeVehicle(rng, registry, { year: rng.int(year - 14, year - 1) });
}
