/** Boxes in image pixels, their overlap, and the two non-maximum suppressions detectors use. */

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Scored2d {
  readonly box: Box;
  readonly confidence: number;
}

/** Intersection over union; 0 for boxes that do not touch (or have no area). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS (YOLO): best first, dropping every later box that overlaps a kept one above `threshold`. */
export function nms<T extends Scored2d>(detections: readonly T[], threshold: number, limit = Infinity): T[] {
  const sorted = [...detections].sort((a, b) => b.confidence - a.confidence);
  const kept: T[] = [];
  for (const d of sorted) {
    if (kept.length >= limit) break;
    if (kept.every((k) => iou(k.box, d.box) <= threshold)) kept.push(d);
  }
  return kept;
}

/**
 * Weighted NMS (MediaPipe's blending for BlazeFace): each cluster of boxes overlapping its best
 * member by at least `threshold` becomes one box, the score-weighted mean of the cluster, with
 * the best score. Steadier than keeping one raw box when tiles and scales see the same face.
 */
export function weightedNms(detections: readonly Scored2d[], threshold: number): Scored2d[] {
  let remaining = [...detections].sort((a, b) => b.confidence - a.confidence);
  const out: Scored2d[] = [];
  while (remaining.length > 0) {
    const best = remaining[0] as Scored2d;
    const cluster = remaining.filter((d) => iou(best.box, d.box) >= threshold);
    remaining = remaining.filter((d) => iou(best.box, d.box) < threshold);
    const total = cluster.reduce((s, d) => s + d.confidence, 0);
    const mean = (pick: (b: Box) => number): number => cluster.reduce((s, d) => s + pick(d.box) * d.confidence, 0) / total;
    out.push({ confidence: best.confidence, box: { left: mean((b) => b.left), top: mean((b) => b.top), width: mean((b) => b.width), height: mean((b) => b.height) } });
  }
  return out;
}

/** Rounded to whole pixels and clipped to the image. */
export function clipBox(box: Box, width: number, height: number): Box {
  const left = Math.max(0, Math.round(box.left));
  const top = Math.max(0, Math.round(box.top));
  const right = Math.min(width, Math.round(box.left + box.width));
  const bottom = Math.min(height, Math.round(box.top + box.height));
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
