/** The world simulator: deterministic reference data, transactions and ground truth for tests. */
export { createWorld, firstTransactions, simulateWorld, writeWorld, writeWorldFiles, resolveOptions, PLANTED_POINTS, type WorldStream, type SimulationResult } from './simulate.ts';
export { writePhotoFiles, writePhotoWorld, type PhotoWriteProgress } from './photo-files.ts';
export { renderPhoto } from './photo-render.ts';
export { DEFAULT_PHOTO_OPTIONS, type PhotoOptions } from './photos.ts';
export type { PhotoJob } from './photo-job.ts';
export type { SimulateOptions } from './sim.ts';
export type { SimTransaction, ReferenceInputDoc, Truth, Tier, PhotoTruth } from './types.ts';
export { isPremiumPlate, isValidIdNumber } from './identity.ts';
