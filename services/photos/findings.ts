/**
 * From this capability's report to the shape the risk points read (`PhotoFindings`,
 * interchange.md §5). The models this module does not run yet (photo kind, colour, persons)
 * and the reuse look-up (done against history by the pipeline) are null, as §5 says a finding
 * the models could not produce must be.
 */
import type { PhotoKind } from '../domain/codes.ts';
import type { PhotoFindings } from '../risk/photo-findings.ts';
import type { PhotoReport } from './check.ts';

export function toPhotoFindings(report: PhotoReport, index: number, kind: PhotoKind): PhotoFindings {
  const quality = report.quality
    ? { width: report.quality.width, height: report.quality.height, blur: report.quality.blur, exposure: report.quality.exposure, bounds: null }
    : null;
  return {
    index,
    kind,
    sha256: report.sha256,
    decodable: report.status === 'READ',
    exif: report.exif,
    predictedKind: null,
    plate: report.plate,
    vin: report.vin ? { value: report.vin.value, confidence: report.vin.confidence } : null,
    quality,
    persons: null,
    color: null,
    nearDuplicates: null,
  };
}
