/** The world simulator: deterministic reference data, transactions and ground truth for tests. */
export { createWorld, simulateWorld, writeWorld, resolveOptions, PLANTED_POINTS, type WorldStream, type SimulationResult } from './simulate.ts';
export type { SimulateOptions } from './sim.ts';
export type { SimTransaction, ReferenceInputDoc, Truth, Tier } from './types.ts';
export { isPremiumPlate, isValidIdNumber } from './identity.ts';
