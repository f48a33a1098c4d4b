import { describe, expect, it } from 'vitest';
import type { PhotoReport } from './check.ts';
import { toPhotoFindings } from './findings.ts';
import { QUALITY_BOUNDS } from './quality-bounds.ts';

const box = { left: 10, top: 20, width: 300, height: 40 };
const read: PhotoReport = {
  status: 'READ', unreadable: null, kind: 'VIN_STAMP', sha256: 'a'.repeat(64), bytes: 1000, format: 'jpeg',
  quality: { width: 1920, height: 1080, blur: 0.12, exposure: 0.48 }, phash: 'c3a1000000000000',
  exif: { takenAt: '2026-03-01T10:15:00+08:00', lat: 30.26, lon: 120.17 },
  plate: null, vin: { value: 'LSVAU2180N2183294', confidence: 0.97, checkDigitValid: true, correctedByCheckDigit: false, box },
  predictedKind: { value: 'VIN_STAMP', confidence: 0.85, source: 'evidence', basis: 'VIN read, check digit valid, no plate' },
  color: null, persons: null, checks: ['vin'],
};

describe('toPhotoFindings', () => {
  it('maps a read photo to the shape the risk points consume, with the bounds of its kind', () => {
    expect(toPhotoFindings(read, 2, 'VIN_STAMP')).toEqual({
      index: 2, kind: 'VIN_STAMP', sha256: 'a'.repeat(64), decodable: true, exif: read.exif, predictedKind: read.predictedKind, plate: null,
      vin: { value: 'LSVAU2180N2183294', confidence: 0.97, box, checkDigitValid: true },
      quality: { width: 1920, height: 1080, blur: 0.12, exposure: 0.48, bounds: QUALITY_BOUNDS.VIN_STAMP },
      persons: null, color: null, nearDuplicates: null,
    });
  });

  it('passes persons (with boxes), colour and an exterior photo\'s bounds through', () => {
    const persons = [{ confidence: 0.91, box, evidence: 'face' as const, model: 'blazeface-back' }];
    const color = { value: 'WHITE' as const, confidence: 0.86, source: 'heuristic' as const, basis: 'around the plate' };
    const findings = toPhotoFindings({ ...read, kind: 'INSPECTOR_WITH_VEHICLE', vin: null, persons, color }, 4, 'INSPECTOR_WITH_VEHICLE');
    expect(findings.persons).toEqual(persons);
    expect(findings.color).toEqual(color);
    expect(findings.quality?.bounds).toEqual(QUALITY_BOUNDS.INSPECTOR_WITH_VEHICLE);
  });

  it('maps an unreadable photo to decodable false with every finding null (R28)', () => {
    const unreadable: PhotoReport = { ...read, status: 'UNREADABLE', unreadable: 'truncated', format: null, quality: null, phash: null, exif: null, vin: null, predictedKind: null, checks: [] };
    expect(toPhotoFindings(unreadable, 0, 'LEFT_FRONT_45')).toMatchObject({ decodable: false, sha256: 'a'.repeat(64), quality: null, vin: null, plate: null, exif: null, predictedKind: null, persons: null, color: null });
  });
});
