import { describe, expect, it } from 'vitest';
import { RISK_CODES, RISK_POINTS } from './index.ts';
import { features } from './test-fixtures.ts';

/** The catalogue of risk-points.md: code → [default weight, ◆, category]. */
const SPEC: Record<string, [number, boolean, string]> = {
  R01: [60, false, 'HANDLER'], R02: [25, false, 'HANDLER'], R03: [40, false, 'HANDLER'], R04: [50, false, 'HANDLER'],
  R05: [80, true, 'HANDLER'], R06: [40, false, 'HANDLER'], R07: [20, false, 'HANDLER'], R08: [50, false, 'HANDLER'],
  R09: [50, false, 'APPLICANT'], R10: [30, false, 'APPLICANT'], R11: [70, false, 'APPLICANT'], R12: [40, false, 'APPLICANT'],
  R13: [30, false, 'APPLICANT'], R14: [35, false, 'APPLICANT'], R15: [15, false, 'APPLICANT'],
  R16: [50, false, 'INTERMEDIARY'], R17: [90, true, 'INTERMEDIARY'], R18: [30, false, 'INTERMEDIARY'], R19: [45, false, 'INTERMEDIARY'],
  R20: [40, false, 'INTERMEDIARY'], R21: [60, false, 'INTERMEDIARY'], R22: [35, false, 'INTERMEDIARY'],
  R23: [40, false, 'MATERIALS'], R24: [60, false, 'MATERIALS'], R25: [35, false, 'MATERIALS'], R26: [30, false, 'MATERIALS'], R27: [45, false, 'MATERIALS'],
  R28: [40, false, 'PHOTOS'], R29: [30, false, 'PHOTOS'], R30: [50, false, 'PHOTOS'], R31: [60, false, 'PHOTOS'], R32: [40, false, 'PHOTOS'],
  R33: [70, true, 'PHOTOS'], R34: [15, false, 'PHOTOS'], R35: [35, false, 'PHOTOS'], R36: [35, false, 'PHOTOS'], R37: [30, false, 'PHOTOS'], R38: [25, false, 'PHOTOS'],
  R39: [25, false, 'PROCESS'], R40: [60, true, 'PROCESS'], R41: [10, true, 'PROCESS'],
};

/** The bold defaults of risk-points.md. */
const DEFAULT_PARAMS: Record<string, Record<string, number>> = {
  R04: { withinMinutes: 30, minDistanceKm: 5 }, R07: { minCount: 60 }, R13: { minCount: 5, windowDays: 30 },
  R14: { minApplicants: 3, windowDays: 90 }, R15: { minApplicants: 6, minSurnames: 3, windowDays: 90 },
  R16: { minApplicants: 5, windowDays: 30 }, R19: { minTransactions: 8, minSharePercent: 60, windowDays: 90 },
  R20: { minApplicants: 4, windowDays: 7 }, R22: { withinDays: 180 }, R29: { minConfidence: 0.8 }, R30: { minConfidence: 0.9 },
  R31: { minConfidence: 0.9 }, R33: { maxHammingDistance: 6 }, R34: { minWidth: 640, minHeight: 480 },
  R35: { beforeAcceptedHours: 2, afterCompletedMinutes: 10, maxSpreadHours: 24 }, R36: { maxDistanceKm: 1 }, R37: { minConfidence: 0.5 },
  R38: { minConfidence: 0.8 },
};

describe('RISK_POINTS', () => {
  it('holds the 41 points in code order', () => {
    expect(RISK_POINTS.map((p) => p.code)).toEqual([...RISK_CODES]);
    expect(RISK_CODES).toHaveLength(41);
    expect(RISK_CODES[0]).toBe('R01');
    expect(RISK_CODES[40]).toBe('R41');
  });

  it.each(RISK_POINTS.map((p) => [p.code, p] as const))('%s matches the spec catalogue', (code, point) => {
    const [weight, diamond, category] = SPEC[code] ?? [];
    expect(point).toMatchObject({ defaultWeight: weight, dualReview: diamond, category, version: 1 });
    expect(point.nameZh).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(point.nameEn.length).toBeGreaterThan(3);
    expect(point.paramsSchema.parse({})).toEqual(DEFAULT_PARAMS[code] ?? {});
    expect(() => point.paramsSchema.parse({ noSuchParameter: 1 })).toThrow();
  });

  it('times the late points as the spec says', () => {
    const timing = Object.fromEntries(RISK_POINTS.map((p) => [p.code, p.timing]));
    expect(timing).toMatchObject({ R21: 'RINGS', R25: 'SWEEP', R28: 'PHOTOS', R29: 'PHOTOS', R33: 'PHOTOS', R34: 'PHOTOS', R37: 'PHOTOS', R38: 'PHOTOS', R32: 'INGEST', R01: 'INGEST' });
  });

  it('finds nothing on the clean baseline, and waits only where inputs are missing', () => {
    const clean = features();
    for (const point of RISK_POINTS) {
      expect({ code: point.code, outcome: point.evaluate(clean, point.paramsSchema.parse({})).outcome }).toEqual({ code: point.code, outcome: 'miss' });
    }
    const early = features({ photos: undefined, rings: undefined });
    const pendingCodes = RISK_POINTS.filter((p) => p.evaluate(early, p.paramsSchema.parse({})).outcome === 'pending').map((p) => p.code);
    expect(pendingCodes).toEqual(['R21', 'R28', 'R29', 'R30', 'R31', 'R33', 'R34', 'R35', 'R36', 'R37', 'R38']);
  });
});
