import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHOTO_KINDS, type PhotoKind } from '../domain/codes.ts';
import { kindFromEvidence, type KindEvidence } from './kind.ts';

const person = (confidence: number) => ({ confidence, box: { left: 0, top: 0, width: 10, height: 10 }, evidence: 'face' as const, model: 'blazeface-back' });
const none: KindEvidence = { declared: null, plate: null, vin: null, persons: null };

describe('photo kind from evidence (no classifier configured)', () => {
  it.each<[string, KindEvidence, { value: PhotoKind; confidence: number } | null]>([
    ['nothing looked for', none, null],
    ['nothing found', { ...none, persons: [] }, null],
    ['a sure, valid VIN and no plate', { ...none, declared: 'LEFT_FRONT_45', vin: { value: 'V', confidence: 0.97, checkDigitValid: true } }, { value: 'VIN_STAMP', confidence: 0.85 }],
    ['a valid VIN on a declared rubbing keeps the rubbing', { ...none, declared: 'VIN_RUBBING', vin: { value: 'V', confidence: 0.97, checkDigitValid: true } }, { value: 'VIN_RUBBING', confidence: 0.85 }],
    ['a VIN failing its check digit', { ...none, declared: 'OTHER', vin: { value: 'V', confidence: 0.97, checkDigitValid: false } }, { value: 'VIN_STAMP', confidence: 0.6 }],
    ['a plate and a person', { ...none, declared: 'LEFT_FRONT_45', plate: { value: '皖A12345', confidence: 0.95 }, persons: [person(0.8)] }, { value: 'INSPECTOR_WITH_VEHICLE', confidence: 0.7 }],
    ['a sure plate on a declared rear photo', { ...none, declared: 'RIGHT_REAR_45', plate: { value: '皖A12345', confidence: 0.95 } }, { value: 'RIGHT_REAR_45', confidence: 0.7 }],
    ['an unsure plate on a VIN photo', { ...none, declared: 'VIN_STAMP', plate: { value: '皖A12345', confidence: 0.5 } }, { value: 'LEFT_FRONT_45', confidence: 0.5 }],
    ['a person alone', { ...none, declared: 'OTHER', persons: [person(0.9)] }, { value: 'INSPECTOR_WITH_VEHICLE', confidence: 0.6 }],
    ['a person below R37\'s confidence', { ...none, declared: 'OTHER', persons: [person(0.4)] }, null],
  ])('%s', (_, evidence, expected) => {
    const predicted = kindFromEvidence(evidence);
    if (expected === null) expect(predicted).toBeNull();
    else expect(predicted).toMatchObject({ ...expected, source: 'evidence' });
  });

  it('reaches R29\'s 0.8 only from a sure, check-digit-valid VIN without a plate', () => {
    const scored = fc.record({ value: fc.string(), confidence: fc.double({ min: 0, max: 1, noNaN: true }) });
    const evidence = fc.record({
      declared: fc.option(fc.constantFrom(...PHOTO_KINDS), { nil: null }),
      plate: fc.option(scored, { nil: null }),
      vin: fc.option(fc.record({ value: fc.string(), confidence: fc.double({ min: 0, max: 1, noNaN: true }), checkDigitValid: fc.boolean() }), { nil: null }),
      persons: fc.option(fc.array(fc.double({ min: 0, max: 1, noNaN: true }).map(person), { maxLength: 3 }), { nil: null }),
    });
    fc.assert(fc.property(evidence, (e) => {
      const predicted = kindFromEvidence(e);
      const strong = e.vin !== null && e.plate === null && e.vin.checkDigitValid && e.vin.confidence >= 0.9;
      return predicted === null || predicted.confidence < 0.8 || strong;
    }), { numRuns: 2000 });
  });
});
