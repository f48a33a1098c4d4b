/** One photo file to render: what it shows, what happens to it afterwards, what EXIF it carries. */
import type { PhotoKind } from '../domain/codes.ts';
import type { InspectionPhotoRequest } from '../photos/render/inspection-set.ts';
import type { Capture } from './photo-capture.ts';

export type PhotoEffect =
  | { readonly type: 'none' }
  /** Gaussian blur, σ in pixels of a 1920-pixel-wide photo. */
  | { readonly type: 'blur'; readonly sigma: number }
  /** Only the first share of the bytes are kept (a broken upload). */
  | { readonly type: 'truncate'; readonly keep: number }
  /** Another vehicle's photo, resized, brightened, timestamped and re-encoded (its EXIF gone). */
  | { readonly type: 'disguised-copy'; readonly source: PhotoJob; readonly brightness: number; readonly width: number; readonly stamp: string };

export interface PhotoJob {
  /** Relative to the world's folder: photos/<txId>-<kind>.jpg. */
  readonly path: string;
  /** The declared kind. */
  readonly kind: PhotoKind;
  request: InspectionPhotoRequest;
  /** Null: no EXIF block at all (forwarded through a messenger, which strips it). */
  capture: Capture | null;
  effect: PhotoEffect;
}
