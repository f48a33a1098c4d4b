import { describe, expect, it } from 'vitest';
import { expandQuery, intervalSeconds, panelRange } from './grafana-macros.ts';
import { bucketVariable, businessTypeVariable, stationIn, stationVariable, workbenchVariable } from './variables.ts';

const variables = [stationVariable().build(), businessTypeVariable().build(), bucketVariable().build(), workbenchVariable('https://wb.example').build()];
const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };

describe('Grafana macro and variable expansion', () => {
  it('expands the PostgreSQL datasource macros as Grafana does', () => {
    expect(expandQuery('WHERE $__timeFilter(accepted_at)', variables, range)).toBe("WHERE accepted_at BETWEEN '2026-03-01T00:00:00.000Z' AND '2026-03-31T00:00:00.000Z'");
    expect(expandQuery('SELECT $__timeFrom(), $__timeTo()', variables, range)).toBe("SELECT '2026-03-01T00:00:00.000Z', '2026-03-31T00:00:00.000Z'");
    expect(expandQuery("SELECT $__timeGroupAlias(created_at, '5m')", variables, range)).toBe('SELECT floor(extract(epoch from created_at)/300)*300 AS "time"');
    expect(expandQuery('SELECT $__timeGroup(t, 1h), $__time(t), $__timeEpoch(t)', variables, range)).toBe('SELECT floor(extract(epoch from t)/3600)*3600, t AS "time", extract(epoch from t) AS "time"');
    expect(expandQuery('WHERE $__unixEpochFilter(ts)', variables, range)).toBe('WHERE ts >= 1772323200 AND ts <= 1774915200');
  });

  it('interpolates variables before macros: the bucket interval, the workbench constant', () => {
    expect(expandQuery('SELECT $__timeGroupAlias(at, $bucket)', variables, range)).toBe('SELECT floor(extract(epoch from at)/86400)*86400 AS "time"');
    expect(expandQuery("SELECT '${workbench}/alerts'", variables, range)).toBe("SELECT 'https://wb.example/alerts'");
  });

  it('turns "All" into the custom all-value, which the filter folds to TRUE', () => {
    expect(expandQuery(stationIn(), variables, range)).toBe("('__all' IN ('__all') OR station_code IN ('__all'))");
  });

  it('quotes a selection (single quotes doubled) for :singlequote', () => {
    const sql = expandQuery(stationIn(), variables, { ...range, selections: { station: ['S001', "O'Brien"] } });
    expect(sql).toBe("('__all' IN ('S001','O''Brien') OR station_code IN ('S001','O''Brien'))");
  });

  it('refuses an unknown macro or variable, so a typo fails the tests rather than Grafana', () => {
    expect(() => expandQuery('WHERE $__timeFiltr(at)', variables, range)).toThrow(/unsupported macro/);
    expect(() => expandQuery('WHERE x = ${stationn}', variables, range)).toThrow(/unknown variable/);
    expect(() => expandQuery('WHERE $__timeFilter', variables, range)).toThrow(/unexpanded/);
  });

  it('reads intervals and panel time overrides', () => {
    expect(intervalSeconds("'7d'")).toBe(604_800);
    expect(() => intervalSeconds('1 fortnight')).toThrow();
    expect(panelRange({ timeFrom: '7d' }, range)).toEqual({ from: new Date('2026-03-24T00:00:00Z'), to: range.to });
    expect(panelRange({}, range)).toBe(range);
  });
});
