/**
 * Rendered VIN photos for tests, the simulator and the benchmark: a VIN stamped into painted
 * metal (dark strokes with a highlight edge, grain, uneven light) or taken as a rubbing (soft
 * grey strokes on film). Deterministic for a seed: the same VIN and seed give the same bytes.
 *
 * The glyphs come from DejaVu Sans Mono Bold (Debian package fonts-dejavu-core, present on the
 * Debian/Ubuntu Node images), loaded by file path so fontconfig's choice cannot vary.
 */
import { existsSync } from 'node:fs';
import sharp, { type OverlayOptions } from 'sharp';
import { mulberry32 } from './random.ts';

export const VIN_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';

export type VinStyle = 'stamp' | 'rubbing';

const prng = mulberry32;

async function glyphs(vin: string, colour: string, pointSize: number): Promise<Buffer> {
  if (!existsSync(VIN_FONT_FILE)) throw new Error(`font ${VIN_FONT_FILE} missing: apt-get install fonts-dejavu-core`);
  return sharp({
    text: {
      text: `<span foreground="${colour}" letter_spacing="${pointSize * 200}">${vin}</span>`,
      font: `DejaVu Sans Mono Bold ${pointSize}`,
      fontfile: VIN_FONT_FILE,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
}

/** Background: base grey with a light gradient and per-pixel grain. */
function surface(width: number, height: number, style: VinStyle, random: () => number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  const base = style === 'stamp' ? 150 + random() * 50 : 215 + random() * 25;
  const tilt = (random() - 0.5) * 60;
  const grain = style === 'stamp' ? 55 : 32;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = base + (tilt * (x - width / 2)) / width + (random() - 0.5) * grain;
      const i = (y * width + x) * 3;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v + (style === 'stamp' ? 4 : 0);
    }
  }
  return data;
}

/** A JPEG photo of `vin`. */
export async function renderVinPhoto(vin: string, seed: number, style: VinStyle = 'stamp'): Promise<Buffer> {
  const random = prng(seed);
  const pointSize = Math.round(26 + random() * 28);
  // Stamped strokes vary from crisp black to barely darker than the paint.
  const shade = Math.round((style === 'stamp' ? 40 : 70) + random() * 80);
  const dark = `#${[shade, shade, shade + 4].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const text = await glyphs(vin, dark, pointSize);
  const { width: tw = 0, height: th = 0 } = await sharp(text).metadata();
  const width = tw + 120 + Math.round(random() * 80);
  const height = th + 120 + Math.round(random() * 60);
  const left = Math.round(40 + random() * (width - tw - 80));
  const top = Math.round(40 + random() * (height - th - 80));
  const layers: OverlayOptions[] = [];
  // A stamp is pressed into metal: the lower-right edge of each stroke catches the light.
  if (style === 'stamp') layers.push({ input: await glyphs(vin, '#e8e8e8', pointSize), left: left + 2, top: top + 2 });
  layers.push({ input: text, left, top });
  const angle = (random() - 0.5) * 3;
  const blur = 0.6 + random() * (style === 'stamp' ? 2.2 : 1.8);
  const composed = await sharp(surface(width, height, style, random), { raw: { width, height, channels: 3 } })
    .composite(layers)
    .png()
    .toBuffer();
  return sharp(composed)
    .rotate(angle, { background: style === 'stamp' ? '#9a9a9a' : '#e0e0e0' })
    .blur(blur)
    .jpeg({ quality: 50 + Math.round(random() * 40) })
    .toBuffer();
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** A random VIN with a correct check digit (position 9), from a seed. */
export function randomVin(seed: number, check: (vin: string) => string | null): string {
  const random = prng(seed ^ 0x9e3779b9);
  const chars = Array.from({ length: 17 }, () => VIN_CHARS[Math.floor(random() * VIN_CHARS.length)] ?? 'A');
  chars[8] = '0';
  chars[8] = check(chars.join('')) ?? '0';
  return chars.join('');
}
