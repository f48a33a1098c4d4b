import { describe, expect, it } from 'vitest';
import { R28 } from './R28.ts';
import { BASE_PHOTOS, BASE_TX, evidenceOf, expectOutcome, photoFinding, run, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const declaredWithout = (kind: string) => BASE_TX.photos.filter((p) => p.kind !== kind);
const unreadable = (index: number) => BASE_PHOTOS.map((p) => (p.index === index ? { ...p, decodable: false, quality: null } : p));

describe('R28 查验照片缺失', () => {
  it.each<[string, FeaturesPatch, Expected, [string[], string[]]?]>([
    ['all required photos, all readable', {}, 'miss'],
    ['all declared, photo checks not run yet', { photos: undefined }, 'pending'],
    ['a required kind not declared: known at ingestion', { tx: { photos: declaredWithout('VIN_RUBBING') }, photos: undefined }, 'hit', [['VIN_RUBBING'], []]],
    ['a required kind unreadable', { photos: unreadable(2) }, 'hit', [[], ['VIN_RUBBING']]],
    ['a second, readable photo of the kind suffices', { tx: { photos: [...BASE_TX.photos, { ...BASE_TX.photos[2]!, sha256: 'f'.repeat(64) }] }, photos: [...unreadable(2), photoFinding(4, 'VIN_RUBBING')] }, 'miss'],
    ['an unreadable photo of a kind not required', { tx: { photos: [...BASE_TX.photos, { ...BASE_TX.photos[0]!, kind: 'OTHER' }] }, photos: [...BASE_PHOTOS, photoFinding(4, 'OTHER', { decodable: false })] }, 'miss'],
    ['absent and unreadable together', { tx: { photos: declaredWithout('LEFT_FRONT_45') }, photos: unreadable(2) }, 'hit', [['LEFT_FRONT_45'], ['VIN_RUBBING']]],
    ['a type that requires no photos, none declared', { tx: { type: 'MORTGAGE', photos: [] }, photos: undefined }, 'miss'],
    ['REG_NEW requires VIN_STAMP and NAMEPLATE too', { tx: { type: 'REG_NEW' } }, 'hit', [['VIN_STAMP', 'NAMEPLATE'], []]],
  ])('%s → %s', (_name, patch, expected, kinds) => {
    const outcome = expectOutcome(run(R28, patch), expected);
    if (kinds) {
      const e = evidenceOf(outcome);
      expect([e.absentKinds, e.unreadableKinds]).toEqual(kinds);
    }
  });

  it('explains', () => {
    expect(run(R28, { photos: unreadable(2) })).toMatchObject({ reason: '查验照片无法识读：车辆识别代号拓印膜' });
  });
});
