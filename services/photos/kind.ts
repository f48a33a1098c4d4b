/**
 * What kind of photo this is (R29 compares it with the declared kind at confidence ≥ 0.8).
 * With an office photo-kind classifier configured, its answer. Without one, evidence rules over
 * what the other checks found, with confidences that say how strong that evidence is:
 *
 *   a 17-character VIN passing its check digit, read surely, and no plate → a VIN photo    0.85
 *   a VIN-shaped reading otherwise, and no plate                         → a VIN photo    0.60
 *   a plate read surely and a person found                               → inspector      0.70
 *   a plate read                                                         → exterior 45°   0.70 / 0.50
 *   a person found                                                       → inspector      0.60
 *   nothing of the above (or nothing was looked for)                     → null
 *
 * Only the first rule reaches 0.8: a readable, check-digit-valid VIN is not visible from a
 * walk-around distance, whereas a plate shows on exterior and inspector photos alike. The rules
 * cannot tell kinds within a group apart (stamp / rubbing / nameplate; front-left / rear-right),
 * so a declared kind inside the group is kept (the evidence agrees with it), and otherwise the
 * group's first kind is named — any kind of the group differs from the declared one.
 */
import type { PhotoKind } from '../domain/codes.ts';
import type { Scored } from '../risk/photo-findings.ts';
import type { PersonFinding } from './persons/detect-persons.ts';

export interface KindPrediction extends Scored<PhotoKind> {
  readonly source: 'model' | 'evidence';
  /** The classifier's id, or the evidence rule that decided. */
  readonly basis: string;
}

export interface KindEvidence {
  readonly declared: PhotoKind | null;
  /** Null when no plate was read (or none was looked for). */
  readonly plate: Scored<string> | null;
  readonly vin: (Scored<string> & { readonly checkDigitValid: boolean }) | null;
  /** Null when nobody looked for persons. */
  readonly persons: readonly PersonFinding[] | null;
}

const VIN_KINDS: readonly PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];
const EXTERIOR_KINDS: readonly PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const INSPECTOR: readonly PhotoKind[] = ['INSPECTOR_WITH_VEHICLE'];

/** Readings this sure count as "read surely" (R30/R31 act from 0.9). */
const SURE = 0.9;
/** A person detection R37 would accept. */
const PERSON = 0.5;

function inGroup(group: readonly PhotoKind[], declared: PhotoKind | null, confidence: number, basis: string): KindPrediction {
  const value = declared !== null && group.includes(declared) ? declared : (group[0] as PhotoKind);
  return { value, confidence, source: 'evidence', basis };
}

export function kindFromEvidence(e: KindEvidence): KindPrediction | null {
  const person = e.persons?.some((p) => p.confidence >= PERSON) ?? false;
  if (e.vin && e.plate === null) {
    if (e.vin.checkDigitValid && e.vin.confidence >= SURE) return inGroup(VIN_KINDS, e.declared, 0.85, 'VIN read, check digit valid, no plate');
    return inGroup(VIN_KINDS, e.declared, 0.6, 'VIN-shaped reading, no plate');
  }
  if (e.plate && e.plate.confidence >= SURE && person) return inGroup(INSPECTOR, e.declared, 0.7, 'plate and person');
  if (e.plate) return inGroup(EXTERIOR_KINDS, e.declared, e.plate.confidence >= SURE ? 0.7 : 0.5, 'plate read');
  if (person) return inGroup(INSPECTOR, e.declared, 0.6, 'person found');
  return null;
}

/** The classifier's answer as a prediction (its labels were checked against the spec's kinds). */
export function kindFromClassifier(value: string, confidence: number, model: string): KindPrediction {
  return { value: value as PhotoKind, confidence, source: 'model', basis: model };
}
