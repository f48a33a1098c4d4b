import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from './check.ts';
import type { ModelRegistry } from './models/registry.ts';
import { hammingDistance } from './phash.ts';
import { renderScene } from './render/scene.ts';
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
 * orange digits), resized, brightened, re-encoded.
 */
async function disguise(photo: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(photo).metadata();
  const strip = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="36"><rect width="100%" height="100%" fill="black" fill-opacity="0.6"/>` +
      `<text x="${width - 420}" y="28" font-size="28" fill="#ffb000" font-family="DejaVu Sans Mono">2026-03-01 10:15:00</text></svg>`,
  );
  const stamped = await sharp(photo).composite([{ input: strip, left: 0, top: height - 36 }]).toBuffer();
  return sharp(stamped).resize({ width: 1280 }).modulate({ brightness: 1.2 }).jpeg({ quality: 60 }).toBuffer();
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

  it('measures quality: size, sharper vs blurred, darker vs brighter', async () => {
    const kind = 'OTHER' as const;
    const sharpReport = await checkPhoto(registry, scene, { kind, maxPixels: MAX_PIXELS });
    const blurred = await checkPhoto(registry, await sharp(scene).blur(6).jpeg().toBuffer(), { kind, maxPixels: MAX_PIXELS });
    const dark = await checkPhoto(registry, await sharp(scene).modulate({ brightness: 0.4 }).jpeg().toBuffer(), { kind, maxPixels: MAX_PIXELS });
    expect(sharpReport.quality).toMatchObject({ width: 1920, height: 1080 });
    expect(blurred.quality?.blur ?? 0).toBeGreaterThan((sharpReport.quality?.blur ?? 1) + 0.3);
    expect(dark.quality?.exposure ?? 1).toBeLessThan((sharpReport.quality?.exposure ?? 0) * 0.6);
    expect(sharpReport.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps a disguised re-used photo within the reuse distance and distinct scenes outside it', async () => {
    const hash = async (bytes: Buffer): Promise<string> => (await checkPhoto(registry, bytes, { kind: 'OTHER', maxPixels: MAX_PIXELS })).phash ?? '';
    const scenes = [scene, ...(await Promise.all([2, 3, 4, 5, 6].map((seed) => renderScene(seed))))];
    const hashes = await Promise.all(scenes.map(hash));
    const reused = await Promise.all(scenes.map(async (photo) => hash(await disguise(photo))));
    reused.forEach((copy, i) => expect(hammingDistance(hashes[i] ?? '', copy), `scene ${i}`).toBeLessThanOrEqual(REUSE_DISTANCE));
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) expect(hammingDistance(hashes[i] ?? '', hashes[j] ?? '')).toBeGreaterThan(REUSE_DISTANCE);
    }
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
