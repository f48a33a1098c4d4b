import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_WORLD_LOADED, startPlatformProcess, type StartedPlatform } from '../../support/process.ts';

export interface DemoPlatform {
  readonly baseUrl: string;
  readonly platform: StartedPlatform;
  stop(): Promise<void>;
}

/** The real platform as `npm start` runs it: embedded default, demo world, its own DATA_DIR. */
export async function startDemoPlatform(extraEnv: Record<string, string> = {}): Promise<DemoPlatform> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'browser-'));
  // The demo world loads after readiness: the pages are tested on the whole of it.
  const platform = await startPlatformProcess({ DATA_DIR: dataDir, DEMO_WORLD: 'auto', ...extraEnv }, 180_000, DEMO_WORLD_LOADED);
  return {
    baseUrl: platform.baseUrl,
    platform,
    stop: async () => {
      await platform.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
