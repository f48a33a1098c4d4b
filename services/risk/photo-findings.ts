/**
 * What the photo pipeline reports per declared photo (R28–R38). Field shapes mirror the
 * assessment's `photos[].findings` of interchange.md §5; a finding a model could not produce
 * is null, and for an undecodable photo every finding is null.
 */
import type { PhotoKind, VehicleColor } from '../domain/index.ts';

/** A model output with the model's confidence in it, 0 … 1. */
export interface Scored<T> {
  readonly value: T;
  readonly confidence: number;
}

/** An inclusive range of acceptable values. */
export interface Bounds {
  readonly min: number;
  readonly max: number;
}

export interface PhotoQuality {
  /** Pixels of the decoded image. */
  readonly width: number;
  readonly height: number;
  readonly blur: number | null;
  readonly exposure: number | null;
  /** The bounds calibrated for this photo kind; null when the kind has no calibration. */
  readonly bounds: { readonly blur: Bounds; readonly exposure: Bounds } | null;
}

/** Where and when the image itself says it was taken (EXIF). */
export interface ExifFacts {
  /**
   * DateTimeOriginal as an ISO 8601 instant. EXIF times without an offset are resolved in the
   * station's zone by the pipeline. Null when the image carries no time.
   */
  readonly takenAt: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

/** A photo of ANOTHER transaction (never an earlier version of this one) that matches one of ours. */
export interface PhotoHashMatch {
  /** Index of our photo in `tx.photos`. */
  readonly photoIndex: number;
  readonly otherTransactionId: string;
  /** `normaliseVin` of the other transaction's vehicle.vin; null when it has none. */
  readonly otherVin: string | null;
  /** Hamming distance of the 64-bit perceptual hashes; 0 when the sha256 is the same. */
  readonly distance: number;
  readonly sameSha256: boolean;
}

export interface PhotoFindings {
  /** Position of the photo in `tx.photos`. */
  readonly index: number;
  /** The declared kind (`tx.photos[index].kind`). */
  readonly kind: PhotoKind;
  /** sha256 of the stored bytes; null only when nothing could be stored. */
  readonly sha256: string | null;
  /** False when the file is not a decodable image: it was recorded as unreadable. */
  readonly decodable: boolean;
  /** Null when the image has no EXIF block (or is undecodable). */
  readonly exif: ExifFacts | null;
  /** The photo-type model's top class. */
  readonly predictedKind: Scored<PhotoKind> | null;
  /** Plate text read by the OCR model, as read (the point normalises it). */
  readonly plate: Scored<string> | null;
  /** VIN text read by the OCR model, as read. */
  readonly vin: Scored<string> | null;
  readonly quality: PhotoQuality | null;
  /** Every person detection with its confidence, [] when the detector found nothing at all. */
  readonly persons: readonly { readonly confidence: number }[] | null;
  /** The estimated body colour. */
  readonly color: Scored<VehicleColor> | null;
  /**
   * Photos of other transactions whose perceptual hash is within
   * `FeatureRequest.photoHashMaxDistance` of this one (identical sha256 included, distance 0).
   */
  readonly nearDuplicates: readonly PhotoHashMatch[] | null;
  /**
   * A remote reviewer's decision on this photo, when the models sent it to people. A photo a
   * reviewer passed was seen to be right: the model-content points (R29–R31, R33 near, R34,
   * R37, R38) no longer judge it. Absent or null: no person has decided.
   */
  readonly reviewerVerdict?: 'PASS' | 'FAIL' | null;
}
