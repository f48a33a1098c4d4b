/** Great-circle distances (R04 impossible travel, R36 photo location). */

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** IUGG mean Earth radius; the choice moves a 5 km distance by well under a metre. */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Haversine distance in kilometres; numerically stable for the short distances we test. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2
    + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A position from nullable coordinates, or null when either is missing. */
export function latLon(lat: number | null | undefined, lon: number | null | undefined): LatLon | null {
  return lat == null || lon == null ? null : { lat, lon };
}
