import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from './check.ts';
import type { ModelRegistry } from './models/registry.ts';
import { hammingDistance } from './phash.ts';
import { QUALITY_BOUNDS } from './quality-bounds.ts';
import { renderScene, renderVehicleScene } from './render/scene.ts';
import { testRegistry } from './testing/registry.ts';

const MAX_PIXELS = 50_000_000;
/** R33's default near-duplicate distance (risk-points.md). */
const REUSE_DISTANCE = 6;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming 100000×100000 pixels over a few hundred bytes of zlib data. */
function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(1_000_000))), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * What an outlet does to a photo it re-uses: a camera-app timestamp strip (translucent band,
 * orange digits, 5 % of the height), resized to two thirds, brightened by 20 %, re-encoded.
 */
async function disguise(photo: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(photo).metadata();
  const strip = Math.round(height * 0.05);
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${strip}"><rect width="100%" height="100%" fill="black" fill-opacity="0.6"/>` +
      `<text x="${width - strip * 12}" y="${strip * 0.8}" font-size="${strip * 0.75}" fill="#ffb000" font-family="DejaVu Sans Mono">2026-03-01 10:15:00</text></svg>`,
  );
  const stamped = await sharp(photo).composite([{ input: svg, left: 0, top: height - strip }]).toBuffer();
  return sharp(stamped).resize({ width: Math.round((width * 2) / 3) }).modulate({ brightness: 1.2 }).jpeg({ quality: 60 }).toBuffer();
}

/** Flips `count` bytes in the entropy-coded middle of a JPEG (deterministic positions). */
function corrupt(jpeg: Buffer, count: number, seed: number): Buffer {
  const out = Buffer.from(jpeg);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const at = 1000 + (s % (out.length - 2000));
    out[at] = (out[at] ?? 0) ^ 0xff;
  }
  return out;
}

describe('checkPhoto', () => {
  let registry: ModelRegistry;
  let scene: Buffer;
  beforeAll(async () => {
    registry = await testRegistry();
    scene = await renderScene(1);
  });
  afterAll(() => registry.release());

  it('reports UNREADABLE for bytes that are not an image, a truncated JPEG and a decompression bomb', async () => {
    const hostile = {
      text: Buffer.from('this is not an image'),
      truncated: scene.subarray(0, Math.floor(scene.length / 2)),
      bomb: pngBomb(),
      empty: Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(hostile)) {
      const report = await checkPhoto(registry, bytes, { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS });
      expect(report.status, name).toBe('UNREADABLE');
      expect(report.unreadable, name).toMatch(/\w/);
      expect(report.quality, name).toBeNull();
      expect(report.sha256, name).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('reads odd but valid images without failing: grey, 1×1, a 4000×8 sliver, PNG with alpha', async () => {
    const odd = {
      grey: await sharp(scene).grayscale().jpeg().toBuffer(),
      tiny: await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).png().toBuffer(),
      sliver: await sharp({ create: { width: 4000, height: 8, channels: 3, background: '#336699' } }).jpeg().toBuffer(),
      alpha: await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(odd)) {
      const report = await checkPhoto(registry, bytes, { kind: null, maxPixels: MAX_PIXELS });
      expect(report.status, name).toBe('READ');
      expect(report.phash, name).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('never throws on corrupted JPEGs: each is READ or UNREADABLE, a broken one with its reason', async () => {
    const statuses: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const report = await checkPhoto(registry, corrupt(scene, 1 + (seed % 4) * 20, seed), { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS });
      statuses.push(report.status);
      if (report.status === 'UNREADABLE') expect(report.unreadable).toMatch(/\w/);
    }
    console.log(`JPEGs with flipped entropy bytes: ${statuses.filter((s) => s === 'UNREADABLE').length}/12 UNREADABLE, the rest decoded (libjpeg resynchronises)`);
    expect(statuses.every((s) => s === 'READ' || s === 'UNREADABLE')).toBe(true);
    // Tables and frame header destroyed: nothing to decode.
    const headless = Buffer.from(scene);
    headless.fill(0x55, 2, 600);
    const report = await checkPhoto(registry, headless, { kind: 'LEFT_FRONT_45', maxPixels: MAX_PIXELS });
    expect(report).toMatchObject({ status: 'UNREADABLE', plate: null, quality: null, checks: [] });
  });

  it('measures quality against the bounds of the kind: sharp passes, blurred and dark fall outside', async () => {
    const kind = 'LEFT_FRONT_45' as const;
    const bounds = QUALITY_BOUNDS[kind];
    const sharpReport = await checkPhoto(registry, scene, { kind: 'OTHER', maxPixels: MAX_PIXELS });
    const blurred = await checkPhoto(registry, await sharp(scene).blur(6).jpeg().toBuffer(), { kind: 'OTHER', maxPixels: MAX_PIXELS });
    const dark = await checkPhoto(registry, await sharp(scene).modulate({ brightness: 0.35 }).jpeg().toBuffer(), { kind: 'OTHER', maxPixels: MAX_PIXELS });
    expect(sharpReport.quality).toMatchObject({ width: 1920, height: 1080 });
    expect(sharpReport.quality?.blur ?? 1).toBeLessThanOrEqual(bounds.blur.max);
    expect(sharpReport.quality?.exposure ?? 0).toBeGreaterThanOrEqual(bounds.exposure.min);
    expect(blurred.quality?.blur ?? 0).toBeGreaterThan(bounds.blur.max);
    expect(dark.quality?.exposure ?? 1).toBeLessThan(bounds.exposure.min);
    // A dark photo is not a blurred one: the blur measure does not move with brightness.
    expect(Math.abs((dark.quality?.blur ?? 0) - (sharpReport.quality?.blur ?? 0))).toBeLessThan(0.05);
    expect(sharpReport.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps disguised re-used scenes within the reuse distance and distinct scenes of the same kind outside it', async () => {
    const hash = async (bytes: Buffer): Promise<string> => (await checkPhoto(registry, bytes, { kind: 'OTHER', maxPixels: MAX_PIXELS })).phash ?? '';
    const exterior = await Promise.all(Array.from({ length: 10 }, (_, i) => renderVehicleScene(i + 1).then((s) => s.jpeg)));
    const inspector = await Promise.all(Array.from({ length: 6 }, (_, i) => renderVehicleScene(50 + i, { inspector: true }).then((s) => s.jpeg)));
    let worstReuse = 0;
    let nearestDistinct = 64;
    for (const [name, photos] of Object.entries({ exterior, inspector })) {
      const hashes = await Promise.all(photos.map(hash));
      const reused = await Promise.all(photos.map(async (photo) => hash(await disguise(photo))));
      reused.forEach((copy, i) => {
        const d = hammingDistance(hashes[i] ?? '', copy);
        worstReuse = Math.max(worstReuse, d);
        expect(d, `${name} ${i}`).toBeLessThanOrEqual(REUSE_DISTANCE);
      });
      for (let i = 0; i < hashes.length; i++) {
        for (let j = i + 1; j < hashes.length; j++) {
          const d = hammingDistance(hashes[i] ?? '', hashes[j] ?? '');
          nearestDistinct = Math.min(nearestDistinct, d);
          expect(d, `${name} ${i}/${j}`).toBeGreaterThan(REUSE_DISTANCE);
        }
      }
    }
    console.log(`pHash on rendered scenes: disguised copies at most ${worstReuse} bits away, distinct scenes of one kind at least ${nearestDistinct}`);
  });

  it('reads EXIF time (with its offset) and GPS, and null without EXIF', async () => {
    const tagged = await sharp(scene)
      .withExif({
        IFD2: { DateTimeOriginal: '2026:03:01 10:15:00', OffsetTimeOriginal: '+08:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    const report = await checkPhoto(registry, tagged, { kind: 'OTHER', maxPixels: MAX_PIXELS });
    expect(report.exif?.takenAt).toBe('2026-03-01T10:15:00+08:00');
    expect(report.exif?.lat).toBeCloseTo(30.26, 6);
    expect(report.exif?.lon).toBeCloseTo(120.1667, 3);
    expect((await checkPhoto(registry, scene, { kind: 'OTHER', maxPixels: MAX_PIXELS })).exif).toBeNull();
  });
});
