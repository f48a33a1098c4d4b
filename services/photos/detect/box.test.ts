import { describe, expect, it } from 'vitest';
import { clipBox, iou, nms, weightedNms } from './box.ts';

const box = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });

describe('box overlap and suppression', () => {
  it('computes intersection over union, 0 for disjoint or empty boxes', () => {
    expect(iou(box(0, 0, 10, 10), box(0, 0, 10, 10))).toBe(1);
    expect(iou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(50 / 150, 10);
    expect(iou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
    expect(iou(box(0, 0, 0, 10), box(0, 0, 0, 10))).toBe(0);
  });

  it('greedy NMS keeps the best of overlapping boxes and every separate one, best first', () => {
    const kept = nms([
      { confidence: 0.6, box: box(2, 0, 10, 10) },
      { confidence: 0.9, box: box(0, 0, 10, 10) },
      { confidence: 0.7, box: box(100, 100, 10, 10) },
    ], 0.45);
    expect(kept.map((d) => d.confidence)).toEqual([0.9, 0.7]);
    expect(nms([{ confidence: 0.9, box: box(0, 0, 10, 10) }, { confidence: 0.8, box: box(50, 0, 10, 10) }], 0.45, 1)).toHaveLength(1);
  });

  it('weighted NMS blends a cluster into its score-weighted mean with the best score', () => {
    const [merged, ...rest] = weightedNms([
      { confidence: 0.75, box: box(0, 0, 10, 10) },
      { confidence: 0.25, box: box(4, 0, 10, 10) },
      { confidence: 0.5, box: box(40, 40, 10, 10) },
    ], 0.3);
    expect(merged?.confidence).toBe(0.75);
    expect(merged?.box.left).toBeCloseTo(1, 10);
    expect(rest).toEqual([{ confidence: 0.5, box: box(40, 40, 10, 10) }]);
  });

  it('clips to the image and rounds to whole pixels', () => {
    expect(clipBox(box(-3.4, 5.6, 20, 10), 12, 100)).toEqual(box(0, 6, 12, 10));
  });
});
