import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { POSTGRES } from './datasources.ts';

/**
 * A query of Grafana's PostgreSQL datasource (grafana-postgresql-datasource). The SDK ships
 * builders for the core datasources but not for SQL ones, so this is the custom query type its
 * README describes: raw SQL in code mode, answered as a table or as time series.
 */
export interface SqlQuery extends Dataquery {
  refId: string;
  datasource: DataSourceRef;
  rawSql: string;
  format: 'table' | 'time_series';
  rawQuery: true;
  editorMode: 'code';
}

export class SqlQueryBuilder implements Builder<SqlQuery> {
  private readonly internal: SqlQuery;

  constructor(rawSql: string) {
    this.internal = {
      refId: 'A', datasource: POSTGRES, rawSql: dedent(rawSql), format: 'table', rawQuery: true, editorMode: 'code',
      _implementsDataqueryVariant() {},
    };
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  /** Long-format time series: a `time` column, optionally a `metric` column, numeric values. */
  timeSeries(): this {
    this.internal.format = 'time_series';
    return this;
  }

  build(): SqlQuery {
    return this.internal;
  }
}

/** SQL written indented in the source reads flush-left in Grafana's editor. */
function dedent(sql: string): string {
  const lines = sql.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function sql(rawSql: string): SqlQueryBuilder {
  return new SqlQueryBuilder(rawSql);
}
