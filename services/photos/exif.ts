/** When and where the image says it was taken (R35, R36), from its EXIF block. */
import exifr from 'exifr';
import type { ExifFacts } from '../risk/photo-findings.ts';

/** "2026:03:01 10:15:00" (+ optional "+08:00") → ISO 8601; without offset, a local time. */
function isoTime(value: unknown, offset: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

/**
 * EXIF time and GPS, or null when the image has no EXIF. A time without an offset is returned
 * without one (no zone is guessed here): the pipeline resolves it in the station's zone.
 */
export async function readExif(bytes: Uint8Array): Promise<ExifFacts | null> {
  try {
    // reviveValues false: exifr would otherwise turn the time into a Date in the server's zone.
    const tags = (await exifr.parse(Buffer.from(bytes), { gps: true, reviveValues: false, translateValues: false })) as Record<string, unknown> | undefined;
    if (!tags) return null;
    // With gps: true exifr adds decimal-degree latitude/longitude (signed by the N/S, E/W refs).
    const lat = finite(tags['latitude']);
    const lon = finite(tags['longitude']);
    return { takenAt: isoTime(tags['DateTimeOriginal'] ?? tags['CreateDate'], tags['OffsetTimeOriginal']), lat, lon };
  } catch {
    // A damaged EXIF block is not a damaged photo: the image may still decode fine.
    return null;
  }
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
