/** The photo-check capability: model registry, per-photo checks, reading helpers. */
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

type PhotoEnv = Pick<Env, 'MODEL_DIR' | 'ONNX_EXECUTION_PROVIDER' | 'ONNX_THREADS'>;

/** The registry as configured; `warn` hears about a CUDA request that fell back to CPU. */
export function openRegistry(env: PhotoEnv, warn?: (message: string) => void): Promise<ModelRegistry> {
  return ModelRegistry.open({
    manifestDir: env.MODEL_DIR ?? DEFAULT_MANIFEST_DIR,
    executionProvider: env.ONNX_EXECUTION_PROVIDER,
    threads: env.ONNX_THREADS,
    ...(warn ? { warn } : {}),
  });
}
