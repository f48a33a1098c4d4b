import { describe, expect, it } from 'vitest';
import { defaultRuleSetConfig } from '../rule-set.ts';
import { changeSummary, diffConfigs } from './diff.ts';
import { mergeConfig } from './merge-config.ts';

const base = defaultRuleSetConfig();

describe('rule-set overrides', () => {
  it('applies a weight, one parameter and a threshold on top of the base, keeping the rest', () => {
    const merged = mergeConfig(base, { alertThreshold: 45, points: { R16: { weight: 60, params: { minApplicants: 7 } }, R02: { enabled: false } } });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.alertThreshold).toBe(45);
    expect(merged.value.points.R16).toEqual({ enabled: true, weight: 60, params: { minApplicants: 7, windowDays: 30 } });
    expect(merged.value.points.R02.enabled).toBe(false);
    expect(merged.value.points.R01).toEqual(base.points.R01);
  });

  it('names every problem by its path in the request', () => {
    const merged = mergeConfig(base, { points: { R16: { weight: 101, params: { minApplicant: 3 } }, R99: { weight: 1 } }, dualReviewThreshold: 10 });
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    const paths = merged.error.problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['config.points.R16.weight', 'config.points.R16.params', 'config.points']));
    expect(merged.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a configuration that is not an object', () => {
    const merged = mergeConfig(base, [1, 2]);
    expect(merged.ok || merged.error.problems).toEqual([{ path: 'config', message: expect.any(String) }]);
  });

  it('diffs per point and thresholds', () => {
    const merged = mergeConfig(base, { alertThreshold: 50, points: { R16: { weight: 60, params: { windowDays: 45 } } } });
    if (!merged.ok) throw new Error('merge failed');
    const diff = diffConfigs(base, merged.value);
    expect(diff.thresholds.alertThreshold).toEqual({ live: 40, draft: 50, changed: true });
    expect(diff.thresholds.dualReviewThreshold.changed).toBe(false);
    expect(diff.points).toEqual([{ code: 'R16', nameZh: '频繁代办', nameEn: 'Repeat proxy', weight: { live: 50, draft: 60 }, params: { windowDays: { live: 30, draft: 45 } } }]);
    expect(changeSummary(diff)).toEqual(['alertThreshold: 40→50', 'R16.weight: 50→60', 'R16.params.windowDays: 30→45']);
  });
});
