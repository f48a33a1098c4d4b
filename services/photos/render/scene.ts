/**
 * Rendered vehicle scenes (1920×1080 JPEG) for reuse-detection tests and the benchmark: sky,
 * ground, a car body in a seeded colour and place, wheels, a plate-shaped panel and grain.
 * Shapes only (no text), so no font is involved and the bytes depend on the seed alone.
 */
import sharp from 'sharp';
import { mulberry32 } from './random.ts';

/** Scenes use their own stream of the shared generator (seed mixed), apart from VIN photos. */
function prng(seed: number): () => number {
  return mulberry32(seed ^ 0x5bd1e995);
}

const BODY_COLOURS = ['#f2f2f2', '#1a1a1a', '#b0b4b8', '#a31f24', '#1f4fa3', '#2f6b3a', '#d8c9a3', '#6b6e73'];

function hex(random: () => number, low: number, high: number): string {
  const v = (): string => Math.round(low + random() * (high - low)).toString(16).padStart(2, '0');
  return `#${v()}${v()}${v()}`;
}

function sceneSvg(width: number, height: number, random: () => number): string {
  const horizon = Math.round(height * (0.35 + random() * 0.2));
  const carW = Math.round(width * (0.45 + random() * 0.25));
  const carH = Math.round(carW * (0.32 + random() * 0.08));
  const x = Math.round(random() * (width - carW));
  const y = Math.round(horizon + random() * (height - horizon - carH - 60));
  const body = BODY_COLOURS[Math.floor(random() * BODY_COLOURS.length)] ?? '#888888';
  const wheel = Math.round(carH * 0.22);
  const plateW = Math.round(carW * 0.16);
  const buildings = Array.from({ length: 4 + Math.floor(random() * 5) }, () => {
    const bw = Math.round(80 + random() * 300);
    const bh = Math.round(60 + random() * horizon * 0.8);
    return `<rect x="${Math.round(random() * width)}" y="${horizon - bh}" width="${bw}" height="${bh}" fill="${hex(random, 90, 200)}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="${width}" height="${horizon}" fill="${hex(random, 150, 230)}"/>
  ${buildings}
  <rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${hex(random, 60, 140)}"/>
  <rect x="${x}" y="${y}" width="${carW}" height="${carH}" rx="${Math.round(carH * 0.25)}" fill="${body}"/>
  <rect x="${x + carW * 0.2}" y="${y - carH * 0.45}" width="${carW * 0.55}" height="${carH * 0.55}" rx="${carH * 0.15}" fill="${body}"/>
  <rect x="${x + carW * 0.25}" y="${y - carH * 0.38}" width="${carW * 0.45}" height="${carH * 0.35}" fill="#2b3540"/>
  <circle cx="${x + carW * 0.2}" cy="${y + carH}" r="${wheel}" fill="#111"/>
  <circle cx="${x + carW * 0.8}" cy="${y + carH}" r="${wheel}" fill="#111"/>
  <rect x="${x + (carW - plateW) / 2}" y="${y + carH * 0.62}" width="${plateW}" height="${plateW * 0.32}" fill="#0b3ea8" stroke="#fff" stroke-width="3"/>
</svg>`;
}

/** A 1920×1080 (or given size) JPEG scene for a seed. */
export async function renderScene(seed: number, width = 1920, height = 1080): Promise<Buffer> {
  const random = prng(seed);
  const base = await sharp(Buffer.from(sceneSvg(width, height, random))).removeAlpha().raw().toBuffer();
  // Sensor grain: without texture every flat region would be trivially compressible and blur
  // measures would see no detail at all.
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, (base[i] ?? 0) + (random() - 0.5) * 24));
  return sharp(base, { raw: { width, height, channels: 3 } }).blur(0.6).jpeg({ quality: 85 }).toBuffer();
}
