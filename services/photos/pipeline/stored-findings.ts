/**
 * What `photo_finding.findings` holds: the interchange.md §5 shape (what the assessment export
 * shows) plus the detail the risk points need (EXIF, each person detection, calibrated quality
 * bounds). One module converts both ways, so the stored JSON and the points cannot drift apart.
 */
import type { PhotoKind, VehicleColor } from '../../domain/index.ts';
import type { ExifFacts, PhotoFindings, PhotoHashMatch, PhotoQuality } from '../../risk/photo-findings.ts';

/** Where in the photo (pixels of the decoded image) a finding was made; the workbench draws it. */
export interface StoredBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface StoredFindings {
  readonly plate: { readonly text: string; readonly confidence: number; readonly box?: StoredBox } | null;
  readonly vin: { readonly text: string; readonly confidence: number; readonly box?: StoredBox } | null;
  readonly predictedKind: { readonly kind: PhotoKind; readonly confidence: number } | null;
  readonly quality: { readonly width: number; readonly height: number; readonly blur: number | null; readonly exposure: number | null } | null;
  /** How many persons the detector found (§5); null when no detector ran. */
  readonly persons: number | null;
  readonly color: { readonly value: VehicleColor; readonly confidence: number } | null;
  readonly phash: string | null;
  readonly detail: {
    readonly decodable: boolean;
    /** Why the bytes are not a photo (undecodable, missing), for people to read. */
    readonly problem: string | null;
    readonly exif: ExifFacts | null;
    readonly personDetections: readonly { readonly confidence: number; readonly box?: StoredBox }[] | null;
    readonly qualityBounds: PhotoQuality['bounds'];
  };
}

/** The box a model output carries beside its value, if any (the risk points do not need it). */
function boxOf(finding: unknown): { box?: StoredBox } {
  const box = (finding as { box?: StoredBox } | null)?.box;
  return box ? { box: { left: box.left, top: box.top, width: box.width, height: box.height } } : {};
}

export function toStoredFindings(f: PhotoFindings, phash: string | null, problem: string | null): StoredFindings {
  return {
    plate: f.plate ? { text: f.plate.value, confidence: f.plate.confidence, ...boxOf(f.plate) } : null,
    vin: f.vin ? { text: f.vin.value, confidence: f.vin.confidence, ...boxOf(f.vin) } : null,
    predictedKind: f.predictedKind ? { kind: f.predictedKind.value, confidence: f.predictedKind.confidence } : null,
    quality: f.quality ? { width: f.quality.width, height: f.quality.height, blur: f.quality.blur, exposure: f.quality.exposure } : null,
    persons: f.persons ? f.persons.length : null,
    color: f.color ? { value: f.color.value, confidence: f.color.confidence } : null,
    phash,
    detail: {
      decodable: f.decodable,
      problem,
      exif: f.exif,
      personDetections: f.persons ? f.persons.map((p) => ({ confidence: p.confidence, ...boxOf(p) })) : null,
      qualityBounds: f.quality?.bounds ?? null,
    },
  };
}

export interface StoredPhotoRow {
  readonly index: number;
  readonly kind: PhotoKind;
  readonly sha256: string | null;
  readonly findings: StoredFindings;
  readonly reviewerVerdict: 'PASS' | 'FAIL' | null;
}

export function fromStoredFindings(row: StoredPhotoRow, nearDuplicates: readonly PhotoHashMatch[]): PhotoFindings {
  const s = row.findings;
  return {
    index: row.index,
    kind: row.kind,
    sha256: row.sha256,
    decodable: s.detail.decodable,
    exif: s.detail.exif,
    predictedKind: s.predictedKind ? { value: s.predictedKind.kind, confidence: s.predictedKind.confidence } : null,
    plate: s.plate ? { value: s.plate.text, confidence: s.plate.confidence } : null,
    vin: s.vin ? { value: s.vin.text, confidence: s.vin.confidence } : null,
    quality: s.quality ? { ...s.quality, bounds: s.detail.qualityBounds } : null,
    persons: s.detail.personDetections,
    color: s.color ? { value: s.color.value, confidence: s.color.confidence } : null,
    nearDuplicates: s.phash === null ? null : nearDuplicates,
    reviewerVerdict: row.reviewerVerdict,
  };
}

/** Findings of a declared photo whose bytes could not be had or decoded: every model finding null. */
export function unreadableFindings(index: number, kind: PhotoKind, sha256: string | null): PhotoFindings {
  return {
    index, kind, sha256, decodable: false, exif: null, predictedKind: null, plate: null, vin: null,
    quality: null, persons: null, color: null, nearDuplicates: null,
  };
}
