/**
 * Hook for inspection photos. Photos are a later issue: today every transaction carries
 * `photos: []`, and the photo points R28–R38 are not planted.
 *
 * When photos arrive, this is the one place to fill them: for each kind in
 * businessType(tx.type).requiredPhotos, write an image under DIR/photos/ and return
 * { kind, path: 'photos/<txId>-<kind>.jpg', takenAt, lat, lon } with takenAt inside
 * [acceptedAt − 2 h, completedAt + 10 min] and a position within 1 km of the station, so
 * that clean transactions stay clean for R28, R35 and R36.
 */
import type { SimTransaction, TxPhoto } from './types.ts';

export interface PhotoContext {
  readonly seed: string;
  readonly stationLat: number;
  readonly stationLon: number;
}

export function photosFor(_tx: SimTransaction, _context: PhotoContext): TxPhoto[] {
  return [];
}
