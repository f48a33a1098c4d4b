/**
 * 64-bit perceptual hash (DCT pHash) for reuse detection (R33): the image without its top and
 * bottom tenth reduced to 32×32 grey, its 2-D DCT, and one bit per low-frequency coefficient
 * (8×8, top-left) above their median. Re-encoding, resizing, brightening and a timestamp strip
 * move few bits; different scenes move ~32.
 */
import sharp from 'sharp';
import { previewOf, type RgbImage } from './image.ts';

const SIZE = 32;
const LOW = 8;

/** cos((2x+1)uπ / 2N), precomputed once. */
const COS = Array.from({ length: LOW }, (_, u) => Float64Array.from({ length: SIZE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE))));

/**
 * Share of the height left out at the top and at the bottom: where phone cameras and outlet
 * apps stamp the time, so a timestamp added to a re-used photo does not move its hash.
 */
const EDGE_BAND = 0.1;

/** The hash of a photo; `preview` is its shared reduced copy (previewOf), made here when absent. */
export async function perceptualHash(image: RgbImage, preview?: RgbImage): Promise<string> {
  const small = preview ?? (await previewOf(image));
  const band = small.height >= 20 ? Math.floor(small.height * EDGE_BAND) : 0;
  const { data } = await sharp(small.data, { raw: { width: small.width, height: small.height, channels: 3 } })
    .extract({ left: 0, top: band, width: small.width, height: small.height - 2 * band })
    .resize(SIZE, SIZE, { fit: 'fill', kernel: 'linear' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Separable DCT: rows first (only the 8 lowest frequencies are needed), then columns.
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      const cos = COS[u] as Float64Array;
      for (let x = 0; x < SIZE; x++) s += (data[y * SIZE + x] ?? 0) * (cos[x] ?? 0);
      rows[y * LOW + u] = s;
    }
  }
  const coeffs: number[] = [];
  for (let v = 0; v < LOW; v++) {
    const cos = COS[v] as Float64Array;
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < SIZE; y++) s += (rows[y * LOW + u] ?? 0) * (cos[y] ?? 0);
      coeffs.push(s);
    }
  }
  // The DC term is overall brightness: left out of the median so brightening cannot shift it.
  const median = [...coeffs.slice(1)].sort((a, b) => a - b)[(LOW * LOW - 1) >> 1] ?? 0;
  let hash = 0n;
  for (const c of coeffs) hash = (hash << 1n) | (c > median ? 1n : 0n);
  return hash.toString(16).padStart(16, '0');
}

function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Hamming distance of two 64-bit hashes in hex (two 32-bit halves: no BigInt on the hot path). */
export function hammingDistance(a: string, b: string): number {
  const pa = a.padStart(16, '0');
  const pb = b.padStart(16, '0');
  const high = Number.parseInt(pa.slice(0, 8), 16) ^ Number.parseInt(pb.slice(0, 8), 16);
  const low = Number.parseInt(pa.slice(8), 16) ^ Number.parseInt(pb.slice(8), 16);
  return popcount32(high) + popcount32(low);
}
