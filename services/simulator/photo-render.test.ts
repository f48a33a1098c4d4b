import { describe, expect, it } from 'vitest';
import { readExif } from '../photos/exif.ts';
import { decodeImage } from '../photos/image.ts';
import { hammingDistance, perceptualHash } from '../photos/phash.ts';
import { measureQuality } from '../photos/quality.ts';
import { qualityBounds } from '../photos/quality-bounds.ts';
import type { PhotoJob } from './photo-job.ts';
import { disguise, renderPhoto } from './photo-render.ts';

const MAX_PIXELS = 50_000_000;
const VEHICLE = { plate: '浙A5K73Q', vin: 'LSVAU2183N2183475', color: 'WHITE' as const, maker: '上汽大众汽车有限公司' };

function job(overrides: Partial<PhotoJob> = {}): PhotoJob {
  return {
    path: 'photos/330100-2026-0000001-RIGHT_REAR_45.jpg', kind: 'RIGHT_REAR_45',
    request: { shows: 'RIGHT_REAR_45', seed: 77, vehicle: VEHICLE },
    capture: { takenAt: '2026-03-02T09:20:11+08:00', lat: 30.274105, lon: 120.155123 },
    effect: { type: 'none' },
    ...overrides,
  };
}

async function decoded(bytes: Buffer) {
  const result = await decodeImage(bytes, MAX_PIXELS);
  if (!result.ok) throw new Error(result.reason);
  return result.image;
}

describe('rendering planned photos', () => {
  it('writes the capture time (with its offset) and position as EXIF the platform reads back, pixels untouched', async () => {
    const bytes = await renderPhoto(job());
    expect(await readExif(bytes)).toEqual({ takenAt: '2026-03-02T09:20:11+08:00', lat: expect.closeTo(30.274105, 5), lon: expect.closeTo(120.155123, 5) });
    const bare = await renderPhoto(job({ capture: null }));
    expect(await readExif(bare)).toBeNull();
    const [a, b] = await Promise.all([decoded(bytes), decoded(bare)]);
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('breaks a truncated file so that it no longer decodes', async () => {
    const bytes = await renderPhoto(job({ effect: { type: 'truncate', keep: 0.45 } }));
    expect((await decodeImage(bytes, MAX_PIXELS)).ok).toBe(false);
  });

  it('keeps a disguised copy (resized, brightened, date strip, re-encoded) within R33\'s distance, as a different file', async () => {
    const original = await renderPhoto(job());
    const copy = await renderPhoto(job({ effect: { type: 'disguised-copy', source: job(), brightness: 1.18, width: 1280, stamp: '2026-03-05 10:15:00' }, capture: null }));
    expect(copy.equals(original)).toBe(false);
    const distance = hammingDistance(await perceptualHash(await decoded(original)), await perceptualHash(await decoded(copy)));
    console.log(`disguised copy: pHash distance ${distance}`);
    expect(distance).toBeLessThanOrEqual(6);
    expect(await readExif(copy)).toBeNull();
    const small = await decoded(await disguise(original, 1440, 1.1, 'x'));
    expect(small.width).toBe(1440);
  });

  it('blurs a photo past its kind\'s calibrated blur bound', async () => {
    const sharp = await measureQuality(await decoded(await renderPhoto(job())));
    const blurred = await measureQuality(await decoded(await renderPhoto(job({ effect: { type: 'blur', sigma: 9 } }))));
    const bound = qualityBounds('RIGHT_REAR_45').blur.max;
    console.log(`blur measure: sharp ${sharp.blur.toFixed(3)}, blurred ${blurred.blur.toFixed(3)} (bound ${bound})`);
    expect(sharp.blur).toBeLessThanOrEqual(bound);
    expect(blurred.blur).toBeGreaterThan(bound);
  });
});
