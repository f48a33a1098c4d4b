import { describe, expect, it } from 'vitest';
import { distanceKm, latLon } from './geo.ts';

describe('distanceKm', () => {
  it('is zero for the same point', () => {
    expect(distanceKm({ lat: 30.27, lon: 120.15 }, { lat: 30.27, lon: 120.15 })).toBe(0);
  });
  it('gives ~111.2 km per degree of latitude', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 2);
  });
  it('measures Hangzhou → Shanghai at about 165 km', () => {
    const d = distanceKm({ lat: 30.2741, lon: 120.1551 }, { lat: 31.2304, lon: 121.4737 });
    expect(d).toBeGreaterThan(160);
    expect(d).toBeLessThan(170);
  });
  it('is symmetric and handles antipodes', () => {
    const a = { lat: 10, lon: 20 };
    const b = { lat: -10, lon: -160 };
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
    expect(distanceKm(a, b)).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('latLon', () => {
  it('needs both coordinates', () => {
    expect(latLon(1, 2)).toEqual({ lat: 1, lon: 2 });
    expect(latLon(null, 2)).toBeNull();
    expect(latLon(1, undefined)).toBeNull();
    expect(latLon(0, 0)).toEqual({ lat: 0, lon: 0 });
  });
});
