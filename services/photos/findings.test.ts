import { describe, expect, it } from 'vitest';
import type { PhotoReport } from './check.ts';
import { toPhotoFindings } from './findings.ts';

const read: PhotoReport = {
  status: 'READ', unreadable: null, kind: 'VIN_STAMP', sha256: 'a'.repeat(64), bytes: 1000, format: 'jpeg',
  quality: { width: 1920, height: 1080, blur: 0.12, exposure: 0.48 }, phash: 'c3a1000000000000',
  exif: { takenAt: '2026-03-01T10:15:00+08:00', lat: 30.26, lon: 120.17 },
  plate: null, vin: { value: 'LSVAU2180N2183294', confidence: 0.97, checkDigitValid: true, correctedByCheckDigit: false },
};

describe('toPhotoFindings', () => {
  it('maps a read photo to the shape the risk points consume', () => {
    expect(toPhotoFindings(read, 2, 'VIN_STAMP')).toEqual({
      index: 2, kind: 'VIN_STAMP', sha256: 'a'.repeat(64), decodable: true, exif: read.exif, predictedKind: null, plate: null,
      vin: { value: 'LSVAU2180N2183294', confidence: 0.97 }, quality: { width: 1920, height: 1080, blur: 0.12, exposure: 0.48, bounds: null },
      persons: null, color: null, nearDuplicates: null,
    });
  });

  it('maps an unreadable photo to decodable false with every finding null (R28)', () => {
    const unreadable: PhotoReport = { ...read, status: 'UNREADABLE', unreadable: 'truncated', format: null, quality: null, phash: null, exif: null, vin: null };
    expect(toPhotoFindings(unreadable, 0, 'LEFT_FRONT_45')).toMatchObject({ decodable: false, sha256: 'a'.repeat(64), quality: null, vin: null, plate: null, exif: null });
  });
});
