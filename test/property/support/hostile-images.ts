/** Images built to hurt a decoder: truncated, bombs, absurd headers, polyglots, hostile SVG. */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming width × height RGB pixels over `idatBytes` of compressed zeros. */
export function pngClaiming(width: number, height: number, idatBytes = 1_000_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(idatBytes))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The same JPEG with its frame header (SOF0/SOF2) claiming width × height. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && (copy[i + 1] === 0xc0 || copy[i + 1] === 0xc2)) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
  }
  throw new Error('no SOF marker in the JPEG');
}

/** A real JPEG followed by markup and a ZIP archive: a file that is three things at once. */
export function polyglot(jpeg: Buffer): Buffer {
  const html = Buffer.from('<html><body><script>fetch("/api/v1/users").then(r=>r.text()).then(alert)</script></body></html>');
  const zip = Buffer.from('504b0304140000000000000000000000000000000000000000000000000000000000504b0506000000000000000000000000000000000000', 'hex');
  return Buffer.concat([jpeg, html, zip]);
}

const LAUGHS = Array.from({ length: 8 }, (_, i) => {
  const name = String.fromCharCode(97 + i);
  const previous = String.fromCharCode(96 + i);
  return i === 0 ? '<!ENTITY a "aaaaaaaaaa">' : `<!ENTITY ${name} "${`&${previous};`.repeat(10)}">`;
}).join('');

/** Billion laughs: a few hundred bytes of XML entities that expand to 10^8 characters. */
export const SVG_LAUGHS = Buffer.from(`<?xml version="1.0"?><!DOCTYPE svg [${LAUGHS}]><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text>&h;</text></svg>`);

/** An SVG asking to be rendered at 50,000 × 50,000. */
export const SVG_HUGE = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="50000" height="50000"><rect width="100%" height="100%" fill="red"/></svg>');
