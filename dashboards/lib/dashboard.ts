import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import {
  AnnotationQueryBuilder, AnnotationTargetBuilder, DashboardBuilder, DashboardCursorSync, DashboardLinkBuilder, DashboardLinkType, RowBuilder,
  type Dashboard, type VariableModel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { GRAFANA_BUILTIN } from './datasources.ts';
import type { PanelLike } from './panels.ts';
import { workbenchVariable } from './variables.ts';

/** Tag of every supervision dashboard: the dashboards' link menu lists them by it. */
export const DASHBOARD_TAG = 'cheguan';
/** Annotations posted by the alert feed (services/supervision/alert-feed.ts) carry this tag. */
export const ALERT_TAG = 'cheguan-alert';

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly variables: ReadonlyArray<Builder<VariableModel>>;
  /** Default time range, e.g. now-30d. */
  readonly from?: string;
  /** Workbench page this dashboard drills into (shown as a dashboard link). */
  readonly workbenchPath: string;
  readonly workbenchTitle: string;
}

export interface BuildOptions {
  /** Base URL of the web workbench (the `workbench` constant of every dashboard). */
  readonly workbenchUrl?: string;
}

export type Item = PanelLike | { readonly row: string };

/** The built-in Grafana annotation source filtered by tags (its target is not a datasource query, hence the marker). */
function tagFilter(tags: string[]): Builder<Dataquery> {
  const target = new AnnotationTargetBuilder().type('tags').tags(tags).limit(500).matchAny(false).build();
  return { build: () => ({ ...target, _implementsDataqueryVariant() {} }) };
}

/**
 * A supervision dashboard: Chinese title, the office's time zone, read-only (provisioned from
 * this code), the alert-feed annotations, links to its siblings and to the workbench, then the
 * panels in order. Panel ids are assigned here, in order, so they are unique and stable.
 */
export function supervisionDashboard(spec: DashboardSpec, items: readonly Item[], options: BuildOptions = {}): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .timezone('Asia/Shanghai')
    .weekStart('monday')
    .time({ from: spec.from ?? 'now-30d', to: 'now' })
    .refresh('1m')
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .variables([...spec.variables, workbenchVariable(options.workbenchUrl)])
    .annotation(new AnnotationQueryBuilder()
      .name('高风险与双人审核告警')
      .datasource(GRAFANA_BUILTIN)
      .enable(true)
      .iconColor('red')
      .target(tagFilter([ALERT_TAG])))
    .link(new DashboardLinkBuilder('监管中心').type(DashboardLinkType.Dashboards).tags([DASHBOARD_TAG]).asDropdown(true).includeVars(true).keepTime(true))
    .link(new DashboardLinkBuilder(spec.workbenchTitle).type(DashboardLinkType.Link).url(`\${workbench}${spec.workbenchPath}`).targetBlank(true).icon('external link'));
  let id = 0;
  for (const item of items) {
    id += 1;
    if ('row' in item) builder.withRow(new RowBuilder(item.row).id(id));
    else builder.withPanel(item.id(id));
  }
  return builder.build();
}
