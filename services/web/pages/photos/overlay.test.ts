import { describe, expect, it } from 'vitest';
import type { StoredFindings } from '../../../photos/pipeline/index.ts';
import { markedFindings, PhotoWithFindings } from './overlay.tsx';

/** Findings as the photo pipeline stores them, with the boxes the detectors found (image pixels). */
function findings(extra: Partial<Record<'plate' | 'vin', unknown>> = {}, persons: unknown[] = []): StoredFindings {
  return {
    plate: null, vin: null, predictedKind: null, persons: persons.length, color: null, phash: null,
    quality: { width: 2000, height: 1000, blur: 0.3, exposure: 0.5 },
    detail: { decodable: true, problem: null, exif: null, personDetections: persons as never, qualityBounds: null },
    ...extra,
  } as StoredFindings;
}

describe('findings drawn over a photo', () => {
  it('places plate, VIN and person boxes in percent of the image, labelled with what was read', () => {
    const f = findings(
      { plate: { text: '浙A12345', confidence: 0.97, box: { left: 1000, top: 500, width: 200, height: 100 } }, vin: { text: 'LSVAU218XN2183294', confidence: 0.91, box: { left: 0, top: 0, width: 500, height: 50 } } },
      [{ confidence: 0.8, box: { left: 100, top: 100, width: 300, height: 800 } }],
    );
    expect(markedFindings(f).map((m) => m.kind)).toEqual(['plate', 'vin', 'person']);
    const html = String(PhotoWithFindings({ src: '/api/v1/blobs/x', alt: '照片', findings: f }));
    expect(html).toContain('left:50.00%;top:50.00%;width:10.00%;height:10.00%');
    expect(html).toContain('号牌 浙A12345（0.97）');
    expect(html).toContain('finding-person');
  });

  it('draws nothing for findings stored without boxes, and never a box with a broken size', () => {
    expect(markedFindings(findings({ plate: { text: '浙A12345', confidence: 0.97 } }))).toEqual([]);
    expect(markedFindings(findings({ plate: { text: 'x', confidence: 0.5, box: { left: 'a', top: 0, width: 1, height: 1 } } }))).toEqual([]);
    expect(markedFindings(null)).toEqual([]);
  });
});
