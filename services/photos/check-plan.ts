/**
 * Which model checks a photo of a declared kind needs. The risk points read plates only from
 * exterior photos (R30), VINs only from VIN photos (R31), persons only from inspector photos
 * (R37) and colour only from exterior photos (R38), so the rest is not run: OCR alone is most
 * of a photo's cost. A photo of unknown kind gets every check.
 */
import type { PhotoKind } from '../domain/codes.ts';
import type { ModelManifest } from './models/manifest.ts';
import type { ModelRegistry } from './models/registry.ts';
import { DET_MODEL } from './ocr/detect.ts';
import { REC_MODEL } from './ocr/recognise.ts';
import type { TextWanted } from './ocr/read-text.ts';

export interface CheckPlan {
  /** Null: no text reading. */
  readonly text: TextWanted | null;
  readonly persons: boolean;
  /** The colour heuristic, when no colour classifier is configured. */
  readonly colour: boolean;
  readonly kindModel: ModelManifest | null;
  readonly colourModel: ModelManifest | null;
}

const EXTERIOR: readonly PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const VIN_PHOTOS: readonly PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];

export function planFor(registry: ModelRegistry, kind: PhotoKind | null): CheckPlan {
  const exterior = kind === null || EXTERIOR.includes(kind);
  const vinPhoto = kind === null || VIN_PHOTOS.includes(kind);
  // An office folder without the OCR models gets no plate or VIN finding rather than a failure.
  const ocr = registry.has(DET_MODEL) && registry.has(REC_MODEL);
  const text: TextWanted | null = ocr && (exterior || vinPhoto) ? { plate: exterior, vin: vinPhoto, vinWhenNoPlate: exterior } : null;
  const colourModel = exterior ? registry.forPurpose('vehicle-color') : null;
  return {
    text,
    persons: kind === null || kind === 'INSPECTOR_WITH_VEHICLE',
    colour: exterior && colourModel === null,
    kindModel: registry.forPurpose('photo-kind'),
    colourModel,
  };
}
