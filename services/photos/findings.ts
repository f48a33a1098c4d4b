/**
 * From this capability's report to the shape the risk points read (`PhotoFindings`,
 * interchange.md §5). Findings keep their boxes and sources (where the web workbench draws them);
 * a check that did not run is null, as §5 says a finding the models could not produce must be.
 * Quality carries the bounds calibrated for the declared kind (R34). The reuse look-up against
 * history is the pipeline's (nearDuplicates stays null here).
 */
import type { PhotoKind } from '../domain/codes.ts';
import type { PhotoFindings } from '../risk/photo-findings.ts';
import type { PhotoReport } from './check.ts';
import { qualityBounds } from './quality-bounds.ts';

export function toPhotoFindings(report: PhotoReport, index: number, kind: PhotoKind): PhotoFindings {
  const quality = report.quality
    ? { width: report.quality.width, height: report.quality.height, blur: report.quality.blur, exposure: report.quality.exposure, bounds: qualityBounds(kind) }
    : null;
  // The VIN keeps its box and check-digit flag for the workbench; R31 reads value and confidence.
  const vin = report.vin ? { value: report.vin.value, confidence: report.vin.confidence, box: report.vin.box, checkDigitValid: report.vin.checkDigitValid } : null;
  return {
    index,
    kind,
    sha256: report.sha256,
    decodable: report.status === 'READ',
    exif: report.exif,
    predictedKind: report.predictedKind,
    plate: report.plate,
    vin,
    quality,
    persons: report.persons,
    color: report.color,
    nearDuplicates: null,
  };
}
