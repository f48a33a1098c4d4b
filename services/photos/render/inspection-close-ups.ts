/**
 * Close-up inspection photos: the product nameplate (产品标牌) and VIN stamp or rubbing photos
 * (vin-photo.ts) in the surroundings a phone photo of them shows.
 */
import sharp, { type OverlayOptions } from 'sharp';
import { textImage } from './inspection-plate.ts';
import { mulberry32 } from './random.ts';
import { renderVinPhoto } from './vin-photo.ts';

/**
 * A close-up's surroundings — the pillar, chassis rail or desk around a nameplate, stamp or
 * rubbing: a lit gradient and a few large shapes in random places. Close-ups of one kind would
 * otherwise share their low frequencies and look like copies of each other to the perceptual
 * hash; what surrounds them in a real photo is what tells them apart.
 */
function backdropSvg(width: number, height: number, random: () => number, lightness = 45): string {
  const hue = Math.floor(random() * 360);
  const light = lightness + Math.floor((random() - 0.5) * 24);
  const shade = (l: number): string => `hsl(${hue},${Math.floor(8 + random() * 20)}%,${Math.max(6, Math.min(92, l))}%)`;
  const shapes = Array.from({ length: 3 + Math.floor(random() * 4) }, () => {
    const w = width * (0.2 + random() * 0.6);
    const h = height * (0.15 + random() * 0.5);
    const x = random() * width - w / 3;
    const y = random() * height - h / 3;
    const fill = shade(light + (random() - 0.5) * 40);
    return random() < 0.5
      ? `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${w.toFixed(0)}" height="${h.toFixed(0)}" rx="${(h * random() * 0.3).toFixed(0)}" fill="${fill}" transform="rotate(${((random() - 0.5) * 50).toFixed(0)} ${(x + w / 2).toFixed(0)} ${(y + h / 2).toFixed(0)})"/>`
      : `<ellipse cx="${(x + w / 2).toFixed(0)}" cy="${(y + h / 2).toFixed(0)}" rx="${(w / 2).toFixed(0)}" ry="${(h / 2).toFixed(0)}" fill="${fill}"/>`;
  }).join('');
  return `<defs><linearGradient id="bg" gradientTransform="rotate(${Math.floor(random() * 360)} 0.5 0.5)"><stop offset="0" stop-color="${shade(light + 20)}"/><stop offset="1" stop-color="${shade(light - 20)}"/></linearGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#bg)"/>${shapes}`;
}

/** Grain, slight blur and JPEG, as a phone camera adds: the blur measure should see a photo. */
async function asPhoto(svg: string, layers: OverlayOptions[], width: number, height: number, random: () => number): Promise<Buffer> {
  const flat = await sharp(Buffer.from(svg)).composite(layers).removeAlpha().raw().toBuffer();
  for (let i = 0; i < flat.length; i++) flat[i] = Math.max(0, Math.min(255, (flat[i] ?? 0) + (random() - 0.5) * 16));
  return sharp(flat, { raw: { width, height, channels: 3 } }).blur(0.5).jpeg({ quality: 86 }).toBuffer();
}

/** Close-ups are no smaller than R34's minimum resolution, with a margin. */
const MIN_PHOTO = { width: 800, height: 600 } as const;

/** A nameplate photo is 4:3, as phone cameras take them. */
const NAMEPLATE_PHOTO = { width: 1600, height: 1200 } as const;

function nameplateLines(vin: string, maker: string, random: () => number): string[] {
  const year = 2012 + Math.floor(random() * 14);
  return [
    maker,
    `品牌  ${maker.slice(0, 2)}牌      整车型号  ${maker.startsWith('比亚迪') ? 'BYD' : 'SV'}${7000 + Math.floor(random() * 2999)}`,
    '车辆识别代号',
    vin,
    `发动机排量  ${(1 + Math.floor(random() * 20) / 10).toFixed(1)} L    最大允许总质量  ${1500 + Math.floor(random() * 900)} kg`,
    `制造年月  ${year}年${String(1 + Math.floor(random() * 12)).padStart(2, '0')}月    中国制造`,
  ];
}

/**
 * The product nameplate (产品标牌): an aluminium label on a painted pillar, lines of Chinese
 * text and the VIN on its own line; label size, place and tilt vary by seed.
 */
export async function renderNameplate(vin: string, maker: string, seed: number): Promise<Buffer> {
  const random = mulberry32(seed ^ 0x2545f491);
  const { width, height } = NAMEPLATE_PHOTO;
  const labelW = Math.round(width * (0.55 + random() * 0.3));
  const pt = Math.round(labelW / 30);
  const lines = nameplateLines(vin, maker, random);
  const inks = await Promise.all(lines.map((line, i) => textImage(line, '#1c1c1c', i === 3 ? 'latin' : 'cjk', i === 3 ? Math.round(pt * 1.2) : pt)));
  const lineH = Math.round(pt * 2);
  const labelH = lineH * lines.length + pt * 2;
  const left = Math.round(random() * (width - labelW));
  const top = Math.round(random() * (height - labelH));
  const tilt = ((random() - 0.5) * 6).toFixed(1);
  const rivets = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([cx = 0, cy = 0]) => `<circle cx="${left + pt * 0.7 + cx * (labelW - pt * 1.4)}" cy="${top + pt * 0.7 + cy * (labelH - pt * 1.4)}" r="${pt * 0.3}" fill="#9a9ea3"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${backdropSvg(width, height, random)}
    <defs><linearGradient id="m" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e4e6e8"/><stop offset="1" stop-color="#b3b8be"/></linearGradient></defs>
    <g transform="rotate(${tilt} ${left + labelW / 2} ${top + labelH / 2})"><rect x="${left}" y="${top}" width="${labelW}" height="${labelH}" rx="${pt * 0.6}" fill="url(#m)" stroke="#8c9096" stroke-width="3"/>${rivets}</g></svg>`;
  const layers = inks.map((input, i) => ({ input, left: left + pt * 2, top: top + pt + i * lineH + Math.round((lineH - pt) / 2) }));
  return asPhoto(svg, layers, width, height, random);
}

/**
 * A VIN close-up (stamp or rubbing, vin-photo.ts) framed by what surrounds it on the car or the
 * desk. The close-up keeps its pixels and fills most of the frame, so the text stays as legible
 * as it was; the frame is lit like the close-up (a rubbing lies on light paper), so the exposure
 * stays inside the kind's calibrated range.
 */
export async function renderVinCloseUp(vin: string, seed: number, style: 'stamp' | 'rubbing'): Promise<Buffer> {
  const random = mulberry32(seed ^ 0x7f4a7c15);
  const closeUp = await renderVinPhoto(vin, seed, style);
  const { width: w = 800, height: h = 200 } = await sharp(closeUp).metadata();
  // A 4:3 phone photo, no smaller than R34's 640×480.
  const width = Math.max(MIN_PHOTO.width, Math.round(w * (1.15 + random() * 0.3)));
  const height = Math.max(MIN_PHOTO.height, Math.round(width * 0.75), Math.round(h * 1.3));
  const layers = [{ input: closeUp, left: Math.round(random() * (width - w)), top: Math.round(random() * (height - h)) }];
  const backdrop = backdropSvg(width, height, random, style === 'rubbing' ? 72 : 55);
  return asPhoto(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${backdrop}</svg>`, layers, width, height, random);
}

/**
 * The VIN plate under the windscreen (a black label, the VIN in light type): the VIN as crisp as
 * a photo shows it. The simulator uses it where a VIN photo must be read surely — a VIN photo
 * declared as another kind.
 */
export async function renderVinPlate(vin: string, seed: number): Promise<Buffer> {
  const random = mulberry32(seed ^ 0x3c6ef372);
  const { width, height } = NAMEPLATE_PHOTO;
  const labelW = Math.round(width * (0.6 + random() * 0.2));
  const pt = Math.round(labelW / 14);
  const ink = await textImage(vin, '#e9ebee', 'latin', pt);
  const { width: iw = labelW, height: ih = pt } = await sharp(ink).metadata();
  const labelH = Math.round(ih * 2.4);
  const left = Math.round(random() * (width - labelW));
  const top = Math.round(random() * (height - labelH));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${backdropSvg(width, height, random, 50)}
    <rect x="${left}" y="${top}" width="${labelW}" height="${labelH}" rx="${pt * 0.3}" fill="#26292d"/></svg>`;
  const layers = [{ input: ink, left: left + Math.max(0, Math.round((labelW - iw) / 2)), top: top + Math.round((labelH - ih) / 2) }];
  return asPhoto(svg, layers, width, height, random);
}
