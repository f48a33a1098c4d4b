/**
 * Quality bounds per photo kind (R34 reads them from the findings). A VIN rubbing is white
 * paper and a stamped VIN a close-up of plain metal, so one exposure range or one blur limit
 * for every kind would either pass dark scenes or fail every rubbing.
 *
 * Calibration: blur and exposure (quality.ts) measured on rendered photos of each kind — sharp,
 * Gaussian-blurred (σ 2 and 4 px at full size), darkened to 35 % and brightened — with each
 * bound set between the sharp/normal range and the degraded one (quality-bounds.test.ts
 * measures the ranges again, prints them and fails when a bound no longer separates at least
 * 7 in 8). Rendered stamps carry their own blur (σ up to 2.8), so the sharp and σ4 ranges of
 * VIN stamps touch: their bound (0.45) flags the blurriest renders too.
 * Rendered photos are not real ones: recalibrate on an office's own photos before trusting R34.
 *
 *   kind        sharp blur    σ4 blur      normal exposure  dark ×0.35  blown ×2.5
 *   scenes      0.23–0.27     0.40–0.46    0.40–0.58        0.14–0.20   0.70–0.90
 *   VIN stamp   0.24–0.46     0.45–0.70    0.63–0.74        0.22–0.25   1.00
 *   rubbing     0.23–0.47     0.62–0.69    0.84–0.90        0.28–0.29   1.00
 */
import type { PhotoKind } from '../domain/codes.ts';
import type { Bounds } from '../risk/photo-findings.ts';

export interface QualityBounds {
  readonly blur: Bounds;
  readonly exposure: Bounds;
}

/** The spec's resolution minimum (risk-points.md R34), either orientation. */
export const MIN_RESOLUTION = { width: 640, height: 480 } as const;

const SCENE: QualityBounds = { blur: { min: 0, max: 0.38 }, exposure: { min: 0.25, max: 0.7 } };
const CLOSE_UP: QualityBounds = { blur: { min: 0, max: 0.45 }, exposure: { min: 0.3, max: 0.92 } };

export const QUALITY_BOUNDS: Readonly<Record<PhotoKind, QualityBounds>> = {
  LEFT_FRONT_45: SCENE,
  RIGHT_REAR_45: SCENE,
  INSPECTOR_WITH_VEHICLE: SCENE,
  VIN_STAMP: CLOSE_UP,
  NAMEPLATE: CLOSE_UP,
  ENGINE_NUMBER: CLOSE_UP,
  VIN_RUBBING: { blur: { min: 0, max: 0.55 }, exposure: { min: 0.35, max: 0.96 } },
  OTHER: { blur: { min: 0, max: 0.6 }, exposure: { min: 0.15, max: 0.92 } },
};

export function qualityBounds(kind: PhotoKind): QualityBounds {
  return QUALITY_BOUNDS[kind];
}
