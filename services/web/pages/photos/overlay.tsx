/**
 * The models' findings drawn over a photo: plate and VIN boxes, persons. Boxes are in image
 * pixels; they are placed in percent of the image size so the drawing follows any zoom.
 */
import type { StoredFindings } from '../../../photos/pipeline/index.ts';

interface PixelBox { left: number; top: number; width: number; height: number }

export interface Marked {
  readonly kind: 'plate' | 'vin' | 'person';
  readonly label: string;
  readonly box: PixelBox;
}

function boxOf(value: unknown): PixelBox | null {
  const b = (value as { box?: unknown } | null)?.box as Partial<PixelBox> | undefined;
  if (!b || [b.left, b.top, b.width, b.height].some((n) => typeof n !== 'number' || !Number.isFinite(n))) return null;
  return b as PixelBox;
}

/** Every finding that kept its box (older findings may have none: nothing is drawn for them). */
export function markedFindings(f: StoredFindings | null): Marked[] {
  if (!f) return [];
  const out: Marked[] = [];
  const plate = boxOf(f.plate);
  if (plate && f.plate) out.push({ kind: 'plate', label: `号牌 ${f.plate.text}（${f.plate.confidence.toFixed(2)}）`, box: plate });
  const vin = boxOf(f.vin);
  if (vin && f.vin) out.push({ kind: 'vin', label: `VIN ${f.vin.text}（${f.vin.confidence.toFixed(2)}）`, box: vin });
  for (const person of f.detail?.personDetections ?? []) {
    const box = boxOf(person);
    if (box) out.push({ kind: 'person', label: `人员（${person.confidence.toFixed(2)}）`, box });
  }
  return out;
}

const pct = (part: number, whole: number) => `${Math.max(0, Math.min(100, (part / whole) * 100)).toFixed(2)}%`;

/** The photo with its boxes; `data-zoomable` lets the page's script zoom it (z, + / −, click). */
export function PhotoWithFindings(props: { src: string; alt: string; findings: StoredFindings | null }) {
  const size = props.findings?.quality;
  const marks = size ? markedFindings(props.findings) : [];
  return (
    <div class="photo-frame" data-zoomable>
      <div class="photo-canvas">
        <img src={props.src} alt={props.alt} />
        {size ? marks.map((m) => (
          <div class={`finding-box finding-${m.kind}`} style={`left:${pct(m.box.left, size.width)};top:${pct(m.box.top, size.height)};width:${pct(m.box.width, size.width)};height:${pct(m.box.height, size.height)}`}>
            <span>{m.label}</span>
          </div>
        )) : null}
      </div>
    </div>
  );
}
