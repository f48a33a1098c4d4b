import { describe, expect, it } from 'vitest';
import { labelledRegions } from './labelled-regions.ts';

/** A map from rows of characters: '.' background, digits labels. */
function map(rows: string[]): { labels: Int8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const labels = Int8Array.from(rows.join('').split('').map((c) => (c === '.' ? -1 : Number(c))));
  return { labels, width, height: rows.length };
}

describe('labelledRegions', () => {
  it('joins 4-neighbours of one label, keeps labels and diagonal touches apart, in scan order', () => {
    const { labels, width, height } = map([
      '00.1',
      '0..1',
      '.0.1',
      '2211',
    ]);
    const regions = labelledRegions(labels, width, height);
    expect(regions.map((r) => [r.label, r.left, r.top, r.width, r.height, r.pixels])).toEqual([
      [0, 0, 0, 2, 2, 3],
      [1, 2, 0, 2, 4, 5],
      [0, 1, 2, 1, 1, 1],
      [2, 0, 3, 2, 1, 2],
    ]);
  });

  it('sums the weights of each region and reads an empty map as no region', () => {
    const { labels, width, height } = map(['00', '.0']);
    const [only] = labelledRegions(labels, width, height, Float32Array.from([0.5, 0.25, 9, 0.25]));
    expect(only).toMatchObject({ pixels: 3, weight: 1 });
    expect(labelledRegions(new Int8Array(4).fill(-1), 2, 2)).toEqual([]);
  });
});
