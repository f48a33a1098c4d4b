import { describe, expect, it } from 'vitest';
import { R02 } from './R02.ts';
import { evidenceOf, expectOutcome, run, STATION, type Expected, type FeaturesPatch } from './test-fixtures.ts';

const at = (acceptedAt: string, extra: FeaturesPatch = {}): FeaturesPatch => ({ ...extra, tx: { acceptedAt, completedAt: null, status: 'ACCEPTED', ...extra.tx } });

describe('R02 非工作时间受理', () => {
  it.each<[string, FeaturesPatch, Expected]>([
    ['Monday 09:15, inside', {}, 'miss'],
    ['Monday 08:30:00, exactly at opening', at('2026-03-02T08:30:00+08:00'), 'miss'],
    ['Monday 08:29:59, just before opening', at('2026-03-02T08:29:59+08:00'), 'hit'],
    ['Monday 17:29:59, just before closing', at('2026-03-02T17:29:59+08:00'), 'miss'],
    ['Monday 17:30:00, exactly at closing (end excluded)', at('2026-03-02T17:30:00+08:00'), 'hit'],
    ['Saturday 11:59, short day', at('2026-03-07T11:59:00+08:00'), 'miss'],
    ['Saturday 12:00, after the short day', at('2026-03-07T12:00:00+08:00'), 'hit'],
    ['Sunday, closed day', at('2026-03-08T10:00:00+08:00'), 'hit'],
    ['UTC instant that is 09:00 local', at('2026-03-02T01:00:00Z'), 'miss'],
    ['UTC instant that is 07:00 local', at('2026-03-01T23:00:00Z'), 'hit'],
    ['ONLINE at night is exempt', at('2026-03-08T02:00:00+08:00', { tx: { channel: 'ONLINE' } }), 'miss'],
    ['SELF_SERVICE at night is not exempt', at('2026-03-08T02:00:00+08:00', { tx: { channel: 'SELF_SERVICE' } }), 'hit'],
    ['PARTNER at night is not exempt', at('2026-03-02T20:00:00+08:00', { tx: { channel: 'PARTNER' } }), 'hit'],
    ['unknown station', { reference: { station: null } }, 'pending'],
    ['station zone is honoured', at('2026-03-02T10:00:00Z', { reference: { station: { ...STATION, timezone: 'Europe/London' } } }), 'miss'],
    ['station zone: 10:00 UTC is 18:00 in Shanghai', at('2026-03-02T10:00:00Z'), 'hit'],
  ])('%s → %s', (_name, patch, expected) => {
    expectOutcome(run(R02, patch), expected);
  });

  it('explains a closed day and an off-hours time', () => {
    expect(run(R02, at('2026-03-08T10:00:00+08:00'))).toMatchObject({ reason: '受理时间2026-03-08 10:00:00(周日)为本站非办公日' });
    const outcome = run(R02, at('2026-03-02T17:30:00+08:00'));
    expect(outcome).toMatchObject({ reason: '受理时间2026-03-02 17:30:00(周一)不在本站办公时间08:30-17:30内' });
    expect(evidenceOf(outcome)).toMatchObject({ weekday: 'mon', hours: '08:30-17:30', timezone: 'Asia/Shanghai' });
  });
});
