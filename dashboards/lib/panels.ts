/**
 * The panel shapes the supervision dashboards repeat, built with the foundation SDK's builders.
 * Every SQL panel says in its JSON which columns it expects: a table's `organize` transformation
 * names each SQL column (and gives it a Chinese header), a time series needs `time`, a stat its
 * single value column. The panel test runs each query and compares against exactly that.
 */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { BigValueGraphMode, GraphDrawStyle, ReduceDataOptionsBuilder, StackingConfigBuilder, StackingMode, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import { DashboardLinkBuilder, ThresholdsConfigBuilder, ThresholdsMode, type Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarChartPanel } from '@grafana/grafana-foundation-sdk/barchart';
import { PanelBuilder as PieChartPanel } from '@grafana/grafana-foundation-sdk/piechart';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { POSTGRES, PROMETHEUS } from './datasources.ts';

/** What the layout needs of any panel builder (the SDK has one class per panel type). */
export interface PanelLike extends Builder<Panel> {
  id(id: number): this;
}

export interface Link {
  readonly title: string;
  /** Workbench path, may use `${__value.raw}` (the clicked cell) and dashboard variables. */
  readonly url: string;
}

const link = (l: Link) => ({ title: l.title, url: l.url, targetBlank: true });

function thresholds(red?: number): ThresholdsConfigBuilder {
  const steps = [{ value: null as unknown as number, color: 'green' }];
  if (red !== undefined) steps.push({ value: red, color: 'red' });
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

export interface StatOptions {
  readonly unit?: string;
  readonly description?: string;
  readonly link?: Link;
  /** Value from which the stat turns red (e.g. 1 for "overdue"). */
  readonly redFrom?: number;
  readonly decimals?: number;
  readonly width?: number;
}

export function stat(title: string, query: Builder<Dataquery>, options: StatOptions = {}): StatPanel {
  const panel = new StatPanel()
    .title(title).datasource(isProm(query) ? PROMETHEUS : POSTGRES).withTarget(query)
    .height(5).span(options.width ?? 4)
    .unit(options.unit ?? 'short')
    .graphMode(BigValueGraphMode.None)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .thresholds(thresholds(options.redFrom));
  if (options.description) panel.description(options.description);
  if (options.decimals !== undefined) panel.decimals(options.decimals);
  if (options.link) panel.dataLinks([new DashboardLinkBuilder(options.link.title).url(options.link.url).targetBlank(true)]);
  return panel;
}

export interface SeriesOptions {
  readonly unit?: string;
  readonly description?: string;
  readonly width?: number;
  readonly height?: number;
  readonly bars?: boolean;
  readonly stacked?: boolean;
}

export function timeseries(title: string, queries: Array<Builder<Dataquery>>, options: SeriesOptions = {}): TimeseriesPanel {
  const panel = new TimeseriesPanel()
    .title(title).datasource(isProm(queries[0]!) ? PROMETHEUS : POSTGRES).targets(queries)
    .height(options.height ?? 8).span(options.width ?? 12)
    .unit(options.unit ?? 'short')
    .fillOpacity(options.bars ? 80 : 10)
    .lineWidth(options.bars ? 0 : 2);
  if (options.bars) panel.drawStyle(GraphDrawStyle.Bars);
  if (options.stacked) panel.stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
  if (options.description) panel.description(options.description);
  return panel;
}

export interface TableOptions {
  readonly description?: string;
  readonly width?: number;
  readonly height?: number;
  /** Links on the cells of a column (by SQL column name). */
  readonly links?: Readonly<Record<string, Link>>;
  readonly units?: Readonly<Record<string, string>>;
}

/** `columns`: SQL column → header, in display order. The query must return exactly these. */
export function table(title: string, query: Builder<Dataquery>, columns: Readonly<Record<string, string>>, options: TableOptions = {}): TablePanel {
  const names = Object.keys(columns);
  const panel = new TablePanel()
    .title(title).datasource(POSTGRES).withTarget(query)
    .height(options.height ?? 9).span(options.width ?? 12)
    .withTransformation({
      id: 'organize',
      options: { excludeByName: {}, indexByName: Object.fromEntries(names.map((n, i) => [n, i])), renameByName: { ...columns } },
    });
  // Overrides match the field's display name, which the organize step has renamed to the header.
  const header = (column: string) => columns[column] ?? column;
  for (const [column, target] of Object.entries(options.links ?? {})) panel.overrideByName(header(column), [{ id: 'links', value: [link(target)] }]);
  for (const [column, unit] of Object.entries(options.units ?? {})) panel.overrideByName(header(column), [{ id: 'unit', value: unit }]);
  if (options.description) panel.description(options.description);
  return panel;
}

/** A pie of one label column and one value column (rows, not reduced series). */
export function pie(title: string, query: Builder<Dataquery>, options: { width?: number; height?: number; description?: string } = {}): PieChartPanel {
  const panel = new PieChartPanel()
    .title(title).datasource(POSTGRES).withTarget(query)
    .height(options.height ?? 8).span(options.width ?? 6)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(true));
  if (options.description) panel.description(options.description);
  return panel;
}

/** Horizontal bars: the first (text) column labels the bars, the others are values. */
export function bars(title: string, query: Builder<Dataquery>, xField: string, options: { width?: number; height?: number; description?: string } = {}): BarChartPanel {
  const panel = new BarChartPanel()
    .title(title).datasource(POSTGRES).withTarget(query)
    .height(options.height ?? 10).span(options.width ?? 12)
    .orientation(VizOrientation.Horizontal)
    .xField(xField);
  if (options.description) panel.description(options.description);
  return panel;
}

export function prom(expr: string, legend: string, refId = 'A'): PromQuery {
  return new PromQuery().expr(expr).legendFormat(legend).refId(refId).range();
}

function isProm(query: Builder<Dataquery>): boolean {
  return query instanceof PromQuery;
}
