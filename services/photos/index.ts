/** The photo-check capability: model registry, per-photo checks, reading helpers. */
import os from 'node:os';
import type { Env } from '../platform/env.ts';
import { DEFAULT_MANIFEST_DIR, ModelRegistry } from './models/registry.ts';

export { checkPhoto, type CheckOptions, type PhotoReport } from './check.ts';
export { toPhotoFindings } from './findings.ts';
export { ModelError } from './models/manifest.ts';
export { ModelRegistry, DEFAULT_MANIFEST_DIR } from './models/registry.ts';
export { hammingDistance, perceptualHash } from './phash.ts';
export { decodePlate, readPlateCrops, PLATE_PATTERN } from './plate.ts';
export { bandProbes, hashBands, ReuseIndex, type ReuseHit } from './reuse-index.ts';
export { chooseVin, decodeVin, type VinRead } from './vin.ts';

type PhotoEnv = Pick<Env, 'MODEL_DIR' | 'ONNX_EXECUTION_PROVIDER' | 'ONNX_THREADS'> & Partial<Pick<Env, 'PHOTO_WORKER_CONCURRENCY'>>;

/**
 * Intra-op threads per model session: ONNX_THREADS when set, else the cores shared out among
 * the photos checked at once (2 cores, 2 photos in flight: 1 thread each), so concurrent photos
 * do not fight over the same cores.
 */
export function onnxThreads(env: PhotoEnv, cores = os.availableParallelism()): number {
  if (env.ONNX_THREADS > 0) return env.ONNX_THREADS;
  return Math.max(1, Math.floor(cores / (env.PHOTO_WORKER_CONCURRENCY ?? 1)));
}

/** The registry as configured; `warn` hears about a CUDA request that fell back to CPU. */
export function openRegistry(env: PhotoEnv, warn?: (message: string) => void): Promise<ModelRegistry> {
  return ModelRegistry.open({
    manifestDir: env.MODEL_DIR ?? DEFAULT_MANIFEST_DIR,
    executionProvider: env.ONNX_EXECUTION_PROVIDER,
    threads: onnxThreads(env),
    ...(warn ? { warn } : {}),
  });
}
