import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './check-digits.ts';
import { ageOn, birthDateOf, checkIdNumber, isRealDate, partyKey, PROVINCE_CODES } from './identity.ts';

/** A valid ID number for a region code, birth date and sequence, with its real check digit. */
function id(region: string, birth: string, seq = '123'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + (idNumberCheckChar(first17) ?? '?');
}

describe('PROVINCE_CODES', () => {
  it.each([
    ['11', true], ['15', true], ['10', false], ['16', false], ['21', true], ['23', true], ['24', false],
    ['31', true], ['37', true], ['38', false], ['41', true], ['46', true], ['47', false], ['50', true],
    ['54', true], ['55', false], ['61', true], ['65', true], ['66', false], ['70', false], ['71', true],
    ['72', false], ['80', false], ['81', true], ['83', true], ['84', false], ['91', false],
  ])('%s → %s', (code, expected) => {
    expect(PROVINCE_CODES.has(code)).toBe(expected);
  });
});

describe('checkIdNumber', () => {
  const good = id('330102', '19900101');
  it.each([
    ['valid number', good, '2026-03-02', { valid: true, birthDate: '1990-01-01' }],
    ['17 characters', good.slice(0, 17), '2026-03-02', { valid: false, problem: 'FORMAT' }],
    ['19 characters', `${good}1`, '2026-03-02', { valid: false, problem: 'FORMAT' }],
    ['letter inside the first 17', `33010A${good.slice(6)}`, '2026-03-02', { valid: false, problem: 'FORMAT' }],
    ['surrounding space', ` ${good.slice(1)}`, '2026-03-02', { valid: false, problem: 'FORMAT' }],
    ['province code 10', id('100102', '19900101'), '2026-03-02', { valid: false, problem: 'PROVINCE' }],
    ['province code 71 (Taiwan)', id('710000', '19900101'), '2026-03-02', { valid: true, birthDate: '1990-01-01' }],
    ['30 February', id('330102', '19900230'), '2026-03-02', { valid: false, problem: 'BIRTH_DATE' }],
    ['month 13', id('330102', '19901301'), '2026-03-02', { valid: false, problem: 'BIRTH_DATE' }],
    ['29 Feb in a leap year', id('330102', '20000229'), '2026-03-02', { valid: true, birthDate: '2000-02-29' }],
    ['29 Feb in a common year', id('330102', '19000229'), '2026-03-02', { valid: false, problem: 'BIRTH_DATE' }],
    ['born on the acceptance date', id('330102', '20260302'), '2026-03-02', { valid: true, birthDate: '2026-03-02' }],
    ['born the day after', id('330102', '20260303'), '2026-03-02', { valid: false, problem: 'BIRTH_AFTER_ACCEPTANCE' }],
    ['wrong check digit', good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), '2026-03-02', { valid: false, problem: 'CHECK_DIGIT' }],
  ])('%s', (_name, number, date, expected) => {
    expect(checkIdNumber(number, date)).toEqual(expected);
  });

  it('reads a lower-case x check character as X', () => {
    // 11010519491231002X is the standard's worked example with check character X.
    expect(checkIdNumber('11010519491231002X', '2026-01-01').valid).toBe(true);
    expect(checkIdNumber('11010519491231002x', '2026-01-01').valid).toBe(true);
  });

  it('does not accept x anywhere but at the end', () => {
    expect(checkIdNumber('1101051949123100x2', '2026-01-01')).toEqual({ valid: false, problem: 'FORMAT' });
  });
});

describe('birthDateOf / isRealDate', () => {
  it('reads positions 7–14', () => {
    expect(birthDateOf('330102199001011234')).toBe('1990-01-01');
    expect(birthDateOf('330102199002301234')).toBeNull();
    expect(birthDateOf('33010219')).toBeNull();
  });
  it.each([['2024-02-29', true], ['2023-02-29', false], ['0400-02-29', true], ['0100-02-29', false], ['2023-04-31', false], ['2023-00-01', false], ['2023-1-01', false]])('%s', (d, ok) => {
    expect(isRealDate(d)).toBe(ok);
  });
});

describe('ageOn', () => {
  it.each([
    ['1990-03-02', '2026-03-01', 35], ['1990-03-02', '2026-03-02', 36], ['1990-03-02', '2026-03-03', 36],
    ['2008-03-02', '2026-03-01', 17], ['2008-03-02', '2026-03-02', 18],
    ['2000-02-29', '2026-02-28', 25], ['2000-02-29', '2026-03-01', 26], ['2000-02-29', '2028-02-29', 28],
    ['1925-12-31', '2026-12-30', 100], ['1925-12-31', '2026-12-31', 101],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('partyKey', () => {
  it('keys persons by ID number (x upper-cased) and organisations by orgCode', () => {
    expect(partyKey({ kind: 'PERSON', idNumber: '11010519491231002x' })).toBe('P:11010519491231002X');
    expect(partyKey({ idNumber: '330102199001011234' })).toBe('P:330102199001011234');
    expect(partyKey({ kind: 'ORGANISATION', idNumber: null, orgCode: '91330100ma2xxxxxx1' })).toBe('O:91330100MA2XXXXXX1');
    expect(partyKey({ kind: 'PERSON', idNumber: null })).toBeNull();
  });
});
