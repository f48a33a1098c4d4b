import { describe, expect, it } from 'vitest';
import { isPremiumPlate, plateSerial, premiumPattern } from './plates.ts';

describe('plateSerial', () => {
  it.each([
    ['浙A12345', '12345'], ['浙A·12345', '12345'], ['浙 a-12345', '12345'], ['浙AD12345', 'D12345'],
    ['浙A1234', null], ['浙AD123456', null], ['ZJA12345', null], ['浙112345', null], [null, null],
  ])('%s → %s', (plate, serial) => {
    expect(plateSerial(plate)).toBe(serial);
  });
});

describe('premiumPattern', () => {
  it.each([
    ['浙A88888', 'REPEATED'],
    ['浙A88881', 'REPEATED'],
    ['浙A18888', 'REPEATED'],
    ['浙A88188', 'REPEATED'],
    ['浙A88199', null],
    ['浙A8881B', null],
    ['浙AAAAA1', 'REPEATED'],
    ['浙A12345', 'STRAIGHT'],
    ['浙A56789', 'STRAIGHT'],
    ['浙A98765', 'STRAIGHT'],
    ['浙A43210', 'STRAIGHT'],
    ['浙A12346', null],
    ['浙A13579', null],
    ['浙A78901', null],
    ['浙AD12345', 'STRAIGHT'],
    ['浙AD23456', 'STRAIGHT'],
    ['浙AD1234F', null],
    ['浙AD66661', 'REPEATED'],
    ['浙AD66F61', null],
    ['浙AF66666', 'REPEATED'],
    ['浙AD1234', null],
  ])('%s → %s', (plate, pattern) => {
    expect(premiumPattern(plate)).toBe(pattern);
    expect(isPremiumPlate(plate)).toBe(pattern !== null);
  });
});
