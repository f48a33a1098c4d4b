/** The registry the photo tests share: the project's real manifests and models, on CPU. */
import { DEFAULT_MANIFEST_DIR, ModelRegistry } from '../models/registry.ts';

/**
 * One intra-op thread: vitest runs test files in parallel processes, and two files each
 * spreading over both cores would only contend.
 */
export function testRegistry(): Promise<ModelRegistry> {
  return ModelRegistry.open({ manifestDir: DEFAULT_MANIFEST_DIR, executionProvider: 'cpu', threads: 1 });
}
