/**
 * Connected regions of an image map: 4-neighbour flood fill over pixels sharing a label. The
 * text detector's probability map (one label: above the threshold) and the plate finder's
 * colour map (one label per plate colour) are both read this way.
 */

export interface LabelledRegion {
  /** Bounding box, in map pixels (inclusive left/top, exact width/height). */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly label: number;
  readonly pixels: number;
  /** Sum of `weights` over the region's pixels (0 without weights). */
  readonly weight: number;
}

/** Regions of equal non-negative `labels` (negative: background), in scan order of their first pixel. */
export function labelledRegions(labels: Int8Array, width: number, height: number, weights?: Float32Array): LabelledRegion[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const out: LabelledRegion[] = [];
  for (let start = 0; start < width * height; start++) {
    const label = labels[start] ?? -1;
    if (label < 0 || seen[start]) continue;
    let [x0, y0, x1, y1, pixels, weight] = [width, height, 0, 0, 0, 0];
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % width;
      const y = (i - x) / width;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      pixels++;
      weight += weights?.[i] ?? 0;
      for (const n of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1]) {
        if (n >= 0 && !seen[n] && labels[n] === label) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    out.push({ left: x0, top: y0, width: x1 - x0 + 1, height: y1 - y0 + 1, label, pixels, weight });
  }
  return out;
}
