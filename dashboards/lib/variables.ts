import {
  ConstantVariableBuilder, CustomVariableBuilder, IntervalVariableBuilder, QueryVariableBuilder, VariableRefresh, VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { POSTGRES } from './datasources.ts';

/**
 * "All" of a multi-value SQL variable. Grafana writes a custom all-value verbatim (unformatted),
 * so it must be valid SQL; the filters below turn it into a constant TRUE that PostgreSQL's
 * planner folds away, leaving the station / business-type indexes usable.
 */
export const ALL_VALUE = "'__all'";

/** Where the web workbench is; overridden per deployment (npm run dashboards -- --workbench URL, or the push). */
export const DEFAULT_WORKBENCH_URL = 'http://localhost:3000';

export function stationVariable(): QueryVariableBuilder {
  return new QueryVariableBuilder('station')
    .label('站点')
    .description('受理站点（车管所、分所、合作网点）')
    .datasource(POSTGRES)
    .query('SELECT code AS __value, code || \' \' || name AS __text FROM supervision.station ORDER BY code')
    .definition('supervision.station')
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current({ text: 'All', value: '$__all', selected: true });
}

export function businessTypeVariable(): QueryVariableBuilder {
  return new QueryVariableBuilder('businessType')
    .label('业务类型')
    .description('interchange.md 表 3 的业务类型')
    .datasource(POSTGRES)
    .query('SELECT code AS __value, name AS __text FROM supervision.business_type ORDER BY code')
    .definition('supervision.business_type')
    .refresh(VariableRefresh.OnDashboardLoad)
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current({ text: 'All', value: '$__all', selected: true });
}

/** Bucket of the "over time" panels, cut on the office's clock by supervision.local_bucket (per-day panels use supervision.local_day). */
export function bucketVariable(): IntervalVariableBuilder {
  return new IntervalVariableBuilder('bucket')
    .label('时间粒度')
    .values('1h,6h,1d,7d')
    .current({ text: '1d', value: '1d', selected: true });
}

export function severityVariable(): CustomVariableBuilder {
  return new CustomVariableBuilder('severity')
    .label('告警级别')
    .values('HIGH,MEDIUM,LOW')
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current({ text: 'All', value: '$__all', selected: true });
}

export function workbenchVariable(url = DEFAULT_WORKBENCH_URL): ConstantVariableBuilder {
  return new ConstantVariableBuilder('workbench').label('工作台地址').value(url);
}

function multiFilter(variable: string, column: string): string {
  return `('__all' IN (\${${variable}:singlequote}) OR ${column} IN (\${${variable}:singlequote}))`;
}

/** SQL condition of the station variable on `column`. */
export const stationIn = (column = 'station_code') => multiFilter('station', column);
/** SQL condition of the business-type variable on `column`. */
export const businessTypeIn = (column = 'business_type') => multiFilter('businessType', column);
export const severityIn = (column = 'severity') => multiFilter('severity', column);
/** Both dimension filters, for views that carry station_code and business_type. */
export const dimensions = (prefix = '') => `${stationIn(`${prefix}station_code`)} AND ${businessTypeIn(`${prefix}business_type`)}`;
