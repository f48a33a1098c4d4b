/**
 * What the capture device writes into an inspection photo: EXIF DateTimeOriginal with its
 * offset (so the instant does not depend on the reader's zone) and GPS position, the way an
 * outlet's inspection app on a phone does. The EXIF block is spliced into the JPEG without
 * re-encoding it, so the pixels — and the perceptual hash — stay what was rendered.
 */
import sharp from 'sharp';

/** What the capture device writes into the photo. */
export interface Capture {
  /** ISO 8601 with offset, e.g. 2026-03-02T09:20:11+08:00; null: no time written. */
  readonly takenAt: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly make?: string;
  readonly model?: string;
}

function rationalDms(degrees: number): string {
  const abs = Math.abs(degrees);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10_000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/** The EXIF APP1 segment sharp writes for these tags (taken from a tiny JPEG it encodes). */
async function exifSegment(capture: Capture): Promise<Buffer> {
  const time = capture.takenAt ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})$/.exec(capture.takenAt) : null;
  if (capture.takenAt && !time) throw new Error(`takenAt must be ISO 8601 with an offset: ${capture.takenAt}`);
  const gps = capture.lat !== null && capture.lon !== null
    ? { GPSLatitudeRef: capture.lat >= 0 ? 'N' : 'S', GPSLatitude: rationalDms(capture.lat), GPSLongitudeRef: capture.lon >= 0 ? 'E' : 'W', GPSLongitude: rationalDms(capture.lon) }
    : undefined;
  const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .withExif({
      IFD0: { Make: capture.make ?? 'HUAWEI', Model: capture.model ?? 'ALN-AL00' },
      ...(time ? { IFD2: { DateTimeOriginal: `${time[1]}:${time[2]}:${time[3]} ${time[4]}`, OffsetTimeOriginal: time[5] as string } } : {}),
      ...(gps ? { IFD3: gps } : {}),
    })
    .jpeg()
    .toBuffer();
  for (let at = 2; at + 4 <= tiny.length && tiny[at] === 0xff;) {
    const length = tiny.readUInt16BE(at + 2);
    if (tiny[at + 1] === 0xe1) return tiny.subarray(at, at + 2 + length);
    at += 2 + length;
  }
  throw new Error('sharp wrote no EXIF segment');
}

/**
 * The JPEG with an EXIF block spliced in right after its start marker: the pixels are not
 * re-encoded, so adding EXIF changes neither quality nor perceptual hash.
 */
export async function withCapture(jpeg: Buffer, capture: Capture): Promise<Buffer> {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  return Buffer.concat([jpeg.subarray(0, 2), await exifSegment(capture), jpeg.subarray(2)]);
}
