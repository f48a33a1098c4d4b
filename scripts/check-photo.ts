/**
 * npm run check-photo -- FILE [--kind K]
 *
 * Runs the photo check suite on one file and prints the findings as JSON. An undecodable file
 * is a finding (status UNREADABLE, exit 0), not an error; exit 2 is a usage error, exit 1 a
 * broken installation (a model missing or failing its checksum).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs as parseNodeArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { PHOTO_KINDS, type PhotoKind } from '../services/domain/codes.ts';
import { readProcessEnv } from '../services/platform/env.ts';
import { checkPhoto, openRegistry } from '../services/photos/index.ts';

const USAGE = `usage: npm run check-photo -- FILE [--kind ${PHOTO_KINDS.join('|')}]`;

export function parseArgs(argv: readonly string[]): { file: string; kind: PhotoKind | null } {
  const { values, positionals } = parseNodeArgs({ args: [...argv], options: { kind: { type: 'string' } }, allowPositionals: true });
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) throw new Error('exactly one FILE is required');
  const kind = values.kind ?? null;
  if (kind !== null && !(PHOTO_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown kind ${kind}`);
  return { file, kind: kind as PhotoKind | null };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const env = readProcessEnv();
  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch (error) {
    process.stderr.write(`cannot read ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }
  const registry = await openRegistry(env, (message) => process.stderr.write(`${message}\n`));
  try {
    const report = await checkPhoto(registry, bytes, { kind: args.kind, maxPixels: env.PHOTO_MAX_PIXELS });
    process.stdout.write(`${JSON.stringify({ file: args.file, ...report }, null, 2)}\n`);
    return 0;
  } finally {
    await registry.release();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
