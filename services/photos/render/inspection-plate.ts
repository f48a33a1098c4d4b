/**
 * Chinese number plates drawn from text (GA 36 proportions): blue plates with white characters
 * for 7-character plates, the green gradient new-energy plate with black ones for 8. The
 * province character comes from WenQuanYi Micro Hei (Debian fonts-wqy-microhei), letters and
 * digits from DejaVu Sans Bold (fonts-dejavu-core), each stretched into its cell as plate type
 * is; fonts are loaded by file path, so fontconfig's choice cannot vary the bytes.
 */
import { existsSync } from 'node:fs';
import sharp, { type OverlayOptions } from 'sharp';

export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const LATIN_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** GA 36: a blue plate is 440×140 mm, a green new-energy plate 480×140 mm; the glyph cells. */
const PLATE_LAYOUT = {
  blue: { width: 440, cell: 45, gap: 12, dotGap: 34 },
  green: { width: 480, cell: 43, gap: 9, dotGap: 49 },
} as const;
const PLATE_HEIGHT_MM = 140;
const GLYPH_HEIGHT_MM = 90;
/** Pixels per millimetre of the rendered plate (before the scene scales it). */
const PX_PER_MM = 2;

function requireFont(file: string, pkg: string): string {
  if (!existsSync(file)) throw new Error(`font ${file} missing: apt-get install ${pkg}`);
  return file;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line of text as an RGBA PNG, cropped to its ink. */
export async function textImage(text: string, colour: string, font: 'cjk' | 'latin', pointSize: number): Promise<Buffer> {
  const fontfile = font === 'cjk' ? requireFont(CJK_FONT_FILE, 'fonts-wqy-microhei') : requireFont(LATIN_FONT_FILE, 'fonts-dejavu-core');
  const family = font === 'cjk' ? 'WenQuanYi Micro Hei' : 'DejaVu Sans Bold';
  const png = await sharp({ text: { text: `<span foreground="${colour}">${escapeMarkup(text)}</span>`, font: `${family} ${pointSize}`, fontfile, rgba: true, dpi: 72 } }).png().toBuffer();
  return sharp(png).trim({ threshold: 1 }).png().toBuffer();
}

const glyphCache = new Map<string, Promise<Buffer>>();

/** A plate character stretched into its cell, as plates' condensed type is. */
function plateGlyph(char: string, colour: string, cellWidth: number): Promise<Buffer> {
  const key = `${char}|${colour}|${cellWidth}`;
  let glyph = glyphCache.get(key);
  if (!glyph) {
    const font = /[A-Z0-9]/.test(char) ? 'latin' : 'cjk';
    // A "1" keeps its narrow stroke, centred in the cell, as on real plates.
    const inkWidth = Math.round(cellWidth * (char === '1' ? 0.45 : 1));
    const side = (cellWidth - inkWidth) / 2;
    glyph = textImage(char, colour, font, 160).then((ink) => sharp(ink)
      .resize(inkWidth, GLYPH_HEIGHT_MM * PX_PER_MM, { fit: 'fill' })
      .extend({ left: Math.floor(side), right: Math.ceil(side), background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png().toBuffer());
    glyphCache.set(key, glyph);
  }
  return glyph;
}

/**
 * A Chinese plate as a PNG: 7 characters on a blue plate in white, 8 (new energy) on the green
 * gradient plate in black, a dot after the issuing-office letter, a frame line.
 */
export async function renderPlate(plate: string): Promise<Buffer> {
  const chars = Array.from(plate.replace(/[·•\s-]/g, ''));
  const green = chars.length === 8;
  const layout = green ? PLATE_LAYOUT.green : PLATE_LAYOUT.blue;
  const s = PX_PER_MM;
  const width = layout.width * s;
  const height = PLATE_HEIGHT_MM * s;
  const ink = green ? '#111111' : '#ffffff';
  const fill = green ? 'url(#g)' : '#0a3c9e';
  const used = chars.length * layout.cell + (chars.length - 2) * layout.gap + layout.dotGap;
  let x = (layout.width - used) / 2;
  const top = (PLATE_HEIGHT_MM - GLYPH_HEIGHT_MM) / 2;
  const layers: OverlayOptions[] = [];
  for (const [i, char] of chars.entries()) {
    layers.push({ input: await plateGlyph(char, ink, layout.cell * s), left: Math.round(x * s), top: Math.round(top * s) });
    x += layout.cell + (i === 1 ? layout.dotGap : layout.gap);
  }
  const dotX = ((layout.width - used) / 2 + 2 * layout.cell + layout.dotGap / 2) * s;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f1f8f0"/><stop offset="1" stop-color="#5cc878"/></linearGradient></defs>
    <rect width="${width}" height="${height}" rx="${6 * s}" fill="${fill}"/>
    <rect x="${3 * s}" y="${3 * s}" width="${width - 6 * s}" height="${height - 6 * s}" rx="${4 * s}" fill="none" stroke="${ink}" stroke-width="${1.5 * s}"/>
    <circle cx="${dotX}" cy="${height / 2}" r="${5 * s}" fill="${ink}"/></svg>`;
  return sharp(Buffer.from(svg)).composite(layers).png().toBuffer();
}
