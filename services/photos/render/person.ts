/**
 * A drawn standing person (an inspector in uniform) as an SVG fragment, for rendered
 * INSPECTOR_WITH_VEHICLE photos. The face is drawn with the parts a face detector keys on —
 * skin-toned oval, hairline, brows, eyes with whites and pupils, nose shadow, mouth, ears —
 * shaded by a gradient; it is a drawing, not a photograph of a person.
 */

/** Where the person stands and how tall (pixels from the crown to the soles). */
export interface PersonPlacement {
  /** Horizontal centre. */
  readonly x: number;
  /** Top of the head. */
  readonly top: number;
  readonly height: number;
}

const SKIN_TONES = [['#f3d2b3', '#d9a77f'], ['#e8b98f', '#c58b5f'], ['#d29c6c', '#a8703f'], ['#b57c4e', '#8a5631']] as const;
const HAIR = ['#1b1410', '#2e2018', '#4a3526', '#101010'] as const;
const UNIFORM = ['#c9dcef', '#2c3e66', '#dfe7ee'] as const;

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** The head (face, hair, ears) centred on (cx, cy), face half-width r. */
function headSvg(cx: number, cy: number, r: number, random: () => number, id: string): string {
  const [light, skin] = pick(SKIN_TONES, random);
  const hair = pick(HAIR, random);
  const w = r;
  const h = r * 1.3;
  const f = (v: number): string => v.toFixed(1);
  const eyeY = cy - h * 0.12;
  const eyeDx = w * (0.36 + random() * 0.05);
  return `<defs><radialGradient id="${id}" cx="45%" cy="40%" r="62%"><stop offset="0%" stop-color="${light}"/><stop offset="100%" stop-color="${skin}"/></radialGradient></defs>
  <ellipse cx="${f(cx)}" cy="${f(cy - h * 0.3)}" rx="${f(w * 1.07)}" ry="${f(h * 0.78)}" fill="${hair}"/>
  <ellipse cx="${f(cx - w * 0.95)}" cy="${f(cy + h * 0.05)}" rx="${f(w * 0.14)}" ry="${f(h * 0.22)}" fill="${skin}"/>
  <ellipse cx="${f(cx + w * 0.95)}" cy="${f(cy + h * 0.05)}" rx="${f(w * 0.14)}" ry="${f(h * 0.22)}" fill="${skin}"/>
  <ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(w)}" ry="${f(h)}" fill="url(#${id})"/>
  <path d="M ${f(cx - w)} ${f(cy - h * 0.35)} Q ${f(cx)} ${f(cy - h * 1.25)} ${f(cx + w)} ${f(cy - h * 0.35)} Q ${f(cx)} ${f(cy - h * (0.7 + random() * 0.1))} ${f(cx - w)} ${f(cy - h * 0.35)}" fill="${hair}"/>
  <path d="M ${f(cx - eyeDx - w * 0.22)} ${f(cy - h * 0.28)} q ${f(w * 0.22)} ${f(-h * 0.09)} ${f(w * 0.44)} 0" stroke="${hair}" stroke-width="${f(r * 0.08)}" fill="none"/>
  <path d="M ${f(cx + eyeDx - w * 0.22)} ${f(cy - h * 0.28)} q ${f(w * 0.22)} ${f(-h * 0.09)} ${f(w * 0.44)} 0" stroke="${hair}" stroke-width="${f(r * 0.08)}" fill="none"/>
  <ellipse cx="${f(cx - eyeDx)}" cy="${f(eyeY)}" rx="${f(w * 0.19)}" ry="${f(h * 0.07)}" fill="#fbfbfb"/>
  <ellipse cx="${f(cx + eyeDx)}" cy="${f(eyeY)}" rx="${f(w * 0.19)}" ry="${f(h * 0.07)}" fill="#fbfbfb"/>
  <circle cx="${f(cx - eyeDx)}" cy="${f(eyeY)}" r="${f(w * 0.085)}" fill="#24160c"/>
  <circle cx="${f(cx + eyeDx)}" cy="${f(eyeY)}" r="${f(w * 0.085)}" fill="#24160c"/>
  <path d="M ${f(cx)} ${f(cy - h * 0.05)} L ${f(cx - w * 0.13)} ${f(cy + h * 0.25)} Q ${f(cx)} ${f(cy + h * 0.31)} ${f(cx + w * 0.13)} ${f(cy + h * 0.25)}" stroke="${skin}" stroke-opacity="0.9" stroke-width="${f(r * 0.06)}" fill="none"/>
  <path d="M ${f(cx - w * 0.3)} ${f(cy + h * 0.46)} Q ${f(cx)} ${f(cy + h * 0.58)} ${f(cx + w * 0.3)} ${f(cy + h * 0.46)} Q ${f(cx)} ${f(cy + h * 0.5)} ${f(cx - w * 0.3)} ${f(cy + h * 0.46)}" fill="#a3494a" stroke="#8a3536" stroke-width="${f(r * 0.03)}"/>`;
}

/**
 * A standing person: head about 1/7.5 of the height, uniform shirt and dark trousers. Returns
 * the SVG and the face box (what a face detector should find).
 */
export function personSvg(place: PersonPlacement, random: () => number, id = 'skin'): { svg: string; face: { left: number; top: number; width: number; height: number } } {
  const head = place.height / 7.5;
  const r = head * 0.36;
  const cx = place.x;
  const cy = place.top + head * 0.55;
  const shirt = pick(UNIFORM, random);
  const shoulders = head * 1.1;
  const neckTop = cy + r * 1.1;
  const torsoTop = neckTop + head * 0.2;
  const hips = place.top + place.height * 0.53;
  const f = (v: number): string => v.toFixed(1);
  const [, skin] = pick(SKIN_TONES, random);
  const body = `<rect x="${f(cx - r * 0.4)}" y="${f(neckTop - r * 0.2)}" width="${f(r * 0.8)}" height="${f(head * 0.35)}" fill="${skin}"/>
  <rect x="${f(cx - shoulders)}" y="${f(torsoTop)}" width="${f(shoulders * 2)}" height="${f(hips - torsoTop)}" rx="${f(head * 0.3)}" fill="${shirt}"/>
  <rect x="${f(cx - shoulders - head * 0.32)}" y="${f(torsoTop + head * 0.1)}" width="${f(head * 0.32)}" height="${f(place.height * 0.36)}" rx="${f(head * 0.15)}" fill="${shirt}"/>
  <rect x="${f(cx + shoulders)}" y="${f(torsoTop + head * 0.1)}" width="${f(head * 0.32)}" height="${f(place.height * 0.36)}" rx="${f(head * 0.15)}" fill="${shirt}"/>
  <rect x="${f(cx - shoulders * 0.85)}" y="${f(hips)}" width="${f(shoulders * 0.8)}" height="${f(place.top + place.height - hips)}" fill="#1e2530"/>
  <rect x="${f(cx + shoulders * 0.05)}" y="${f(hips)}" width="${f(shoulders * 0.8)}" height="${f(place.top + place.height - hips)}" fill="#1e2530"/>`;
  const face = { left: cx - r, top: cy - r * 1.3, width: 2 * r, height: 2.6 * r };
  return { svg: body + headSvg(cx, cy, r, random, id), face };
}
