/**
 * The per-photo check suite: integrity (sha256), decode (bounded), quality, perceptual hash,
 * EXIF, and the model checks the declared kind calls for (check-plan.ts): plate on exterior
 * photos, VIN on VIN photos, persons on inspector photos, body colour on exterior photos, photo
 * kind everywhere an office classifier is configured (else from the evidence the checks found);
 * everything when the kind is unknown. Never throws for a bad image: an undecodable one — or
 * one the analysis fails on — is reported UNREADABLE with the reason. A broken installation
 * (a model missing or failing its checksum) is not the photo's fault and is thrown.
 */
import { createHash } from 'node:crypto';
import type { PhotoKind } from '../domain/codes.ts';
import type { ExifFacts, Scored } from '../risk/photo-findings.ts';
import { classify } from './classify/classifier.ts';
import { planFor } from './check-plan.ts';
import { estimateColour, type ColourEstimate } from './colour.ts';
import type { Box } from './detect/box.ts';
import { readExif } from './exif.ts';
import { decodeImage, previewOf, type RgbImage } from './image.ts';
import { kindFromClassifier, kindFromEvidence, type KindPrediction } from './kind.ts';
import { ModelError } from './models/manifest.ts';
import type { ModelRegistry } from './models/registry.ts';
import { readText, type TextFindings } from './ocr/read-text.ts';
import { detectPersons, type PersonFinding, type SceneObjects } from './persons/detect-persons.ts';
import { perceptualHash } from './phash.ts';
import { measureQuality, type QualityFacts } from './quality.ts';
import type { VehicleColor } from '../domain/codes.ts';

export interface VinFinding extends Scored<string> {
  readonly checkDigitValid: boolean;
  readonly correctedByCheckDigit: boolean;
  readonly box: Box;
}

export interface PhotoReport {
  readonly status: 'READ' | 'UNREADABLE';
  /** Why the bytes could not be decoded (or analysed); null when they could. */
  readonly unreadable: string | null;
  readonly kind: PhotoKind | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string | null;
  readonly quality: QualityFacts | null;
  readonly phash: string | null;
  readonly exif: ExifFacts | null;
  /** Null when no plate was read, or none was looked for (see `checks`). Box in photo pixels. */
  readonly plate: (Scored<string> & { readonly box: Box }) | null;
  readonly vin: VinFinding | null;
  readonly predictedKind: KindPrediction | null;
  readonly color: ColourEstimate | null;
  /** Every person found; [] when looked for and none found; null when not looked for. */
  readonly persons: readonly PersonFinding[] | null;
  /** Which model checks ran on this photo (the rest are null because they were not asked). */
  readonly checks: readonly ('plate' | 'vin' | 'persons' | 'color' | 'kind-model' | 'color-model')[];
}

export interface CheckOptions {
  readonly kind?: PhotoKind | null;
  readonly maxPixels: number;
}

const NOTHING = { plate: null, vin: null, predictedKind: null, color: null, persons: null, checks: [] } as const;

export async function checkPhoto(registry: ModelRegistry, bytes: Uint8Array, options: CheckOptions): Promise<PhotoReport> {
  const kind = options.kind ?? null;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { kind, sha256, bytes: bytes.length };
  const unreadable = (reason: string): PhotoReport => ({ ...base, ...NOTHING, status: 'UNREADABLE', unreadable: reason, format: null, quality: null, phash: null, exif: null });
  const decoded = await decodeImage(bytes, options.maxPixels);
  if (!decoded.ok) return unreadable(decoded.reason);
  try {
    const { image } = decoded;
    const preview = await previewOf(image);
    const [quality, phash, exif, models] = await Promise.all([measureQuality(image, preview), perceptualHash(image, preview), readExif(bytes), runModels(registry, image, preview, kind)]);
    return { ...base, status: 'READ', unreadable: null, format: decoded.format, quality, phash, exif, ...models };
  } catch (error) {
    if (error instanceof ModelError) throw error;
    return unreadable(`analysis failed: ${(error as Error).message.split('\n')[0] ?? 'unknown error'}`);
  }
}

type ModelFindings = Pick<PhotoReport, 'plate' | 'vin' | 'predictedKind' | 'color' | 'persons' | 'checks'>;

const NO_TEXT: TextFindings = { plate: null, vin: null, lines: 0 };

async function runModels(registry: ModelRegistry, image: RgbImage, preview: RgbImage, kind: PhotoKind | null): Promise<ModelFindings> {
  const plan = planFor(registry, kind);
  const checks: PhotoReport['checks'][number][] = [];
  // The recogniser and the detectors share the cores: one after another, not all at once.
  const text = plan.text ? await readText(registry, image, plan.text, preview) : NO_TEXT;
  if (plan.text?.plate) checks.push('plate');
  if (plan.text?.vin || (plan.text?.vinWhenNoPlate && text.plate === null)) checks.push('vin');
  const scene: SceneObjects | null = plan.persons ? await detectPersons(registry, image) : null;
  if (scene) checks.push('persons');
  const kindModel = plan.kindModel ? await classify(registry, plan.kindModel, image) : null;
  if (kindModel) checks.push('kind-model');
  const colourModel = plan.colourModel ? await classify(registry, plan.colourModel, image) : null;
  if (colourModel) checks.push('color-model');
  const persons = scene?.persons ?? null;
  const vin = text.vin ? { value: text.vin.value, confidence: text.vin.confidence, checkDigitValid: text.vin.checkDigitValid, correctedByCheckDigit: text.vin.correctedByCheckDigit, box: text.vin.box } : null;
  const predictedKind = kindModel
    ? kindFromClassifier(kindModel.value, kindModel.confidence, kindModel.model)
    : kindFromEvidence({ declared: kind, plate: text.plate, vin, persons });
  let color: ColourEstimate | null = null;
  if (colourModel) color = { value: colourModel.value as VehicleColor, confidence: colourModel.confidence, source: 'model', basis: colourModel.model };
  else if (plan.colour) {
    color = estimateColour(image, { vehicle: scene?.vehicles?.[0]?.box ?? null, plate: text.plate?.box ?? null });
    checks.push('color');
  }
  return { plate: text.plate, vin, predictedKind, color, persons, checks };
}
