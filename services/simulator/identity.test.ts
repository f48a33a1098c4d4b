import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidUscc, isValidVin } from '../domain/check-digits.ts';
import { Registry, ageOn, birthForAge, isPremiumPlate, isValidIdNumber, makeIdNumber, makePlate, makeUscc, makeVin } from './identity.ts';
import { surnameOf } from './names.ts';
import { Rng } from './prng.ts';

describe('identifier generators', () => {
  const rng = new Rng('identity-test');
  const registry = new Registry();

  it('makes valid, unique GB 11643 numbers with the requested age', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const birth = birthForAge(rng, '2026-03-15', 18, 90);
      const id = makeIdNumber(rng, registry, '330106', birth, i % 2 === 0);
      expect(isValidIdNumber(id, '2026-03-15')).toBe(true);
      expect(ageOn(birth, '2026-03-15')).toBeGreaterThanOrEqual(18);
      expect(ageOn(birth, '2026-03-15')).toBeLessThanOrEqual(90);
      expect(Number(id[16]) % 2).toBe(i % 2 === 0 ? 1 : 0);
      seen.add(id);
    }
    expect(seen.size).toBe(500);
  });

  it('reads R09 exactly: check digit, real date, province, not after acceptance, lower-case x', () => {
    const body = '11010519491231002';
    const id = body + idNumberCheckChar(body);
    expect(isValidIdNumber(id, '2026-01-01')).toBe(true);
    expect(isValidIdNumber(id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), '2026-01-01')).toBe(false);
    const feb30 = '33010219900230123';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30), '2026-01-01')).toBe(false);
    const province = '99010219900101123';
    expect(isValidIdNumber(province + idNumberCheckChar(province), '2026-01-01')).toBe(false);
    const future = '33010220270101123';
    expect(isValidIdNumber(future + idNumberCheckChar(future), '2026-01-01')).toBe(false);
    let x = '';
    for (let n = 100; x === '' && n < 999; n++) if (idNumberCheckChar(`33010619800101${n}`) === 'X') x = `33010619800101${n}x`;
    expect(isValidIdNumber(x, '2026-01-01')).toBe(true);
  });

  it('computes completed years on birthdays', () => {
    expect(ageOn('20080315', '2026-03-15')).toBe(18);
    expect(ageOn('20080316', '2026-03-15')).toBe(17);
    expect(ageOn('19250315', '2026-03-15')).toBe(101);
  });

  it('makes valid VINs and USCCs', () => {
    for (let i = 0; i < 300; i++) {
      expect(isValidVin(makeVin(rng, registry, 'LSV', 2010 + (i % 17)))).toBe(true);
      expect(isValidUscc(makeUscc(rng, registry, '91'))).toBe(true);
    }
  });

  it('recognises premium plates per R22 and never generates one', () => {
    expect(isPremiumPlate('浙A66666')).toBe(true);
    expect(isPremiumPlate('浙A6K666')).toBe(true);
    expect(isPremiumPlate('浙A12345')).toBe(true);
    expect(isPremiumPlate('浙A54321')).toBe(true);
    expect(isPremiumPlate('浙AD23456')).toBe(true);
    expect(isPremiumPlate('浙A·1234-5')).toBe(true);
    expect(isPremiumPlate('浙A1112B')).toBe(false);
    expect(isPremiumPlate('浙A2345F')).toBe(false);
    expect(isPremiumPlate('浙A13579')).toBe(false);
    for (let i = 0; i < 2000; i++) {
      const plate = makePlate(rng, registry, i % 3 === 0);
      expect(plate).toMatch(i % 3 === 0 ? /^浙A[DF]\d{5}$/ : /^浙A[0-9A-HJ-NP-Z]{5}$/);
      expect(isPremiumPlate(plate)).toBe(false);
    }
  });

  it('splits compound surnames', () => {
    expect(surnameOf('欧阳娜')).toBe('欧阳');
    expect(surnameOf('王伟')).toBe('王');
    expect(surnameOf('司马光')).toBe('司马');
  });
});
