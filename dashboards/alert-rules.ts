/**
 * Grafana-managed alert rules of the supervision center, built with the SDK's alerting builders
 * and written as a file-provisioning document (provisioning/alerting/cheguan-rules.json; JSON is
 * YAML, and Grafana reads both). Each rule: a query (A), reduced to one number (B), compared
 * with a threshold (C).
 */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { QueryBuilder, RuleBuilder, type Rule } from '@grafana/grafana-foundation-sdk/alerting';
import { TypeReduceBuilder, TypeThresholdBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { FOLDER_TITLE, FOLDER_UID, POSTGRES, PROMETHEUS } from './lib/datasources.ts';
import { sql } from './lib/sql-query.ts';

export const RULE_GROUP = 'cheguan-supervision';
const EXPRESSION_UID = '__expr__';

interface RuleSpec {
  readonly uid: string;
  readonly title: string;
  readonly query: Builder<Dataquery>;
  readonly datasourceUid: string;
  /** Fires when the reduced value is above this. */
  readonly above: number;
  readonly forDuration: string;
  readonly severity: 'critical' | 'warning';
  readonly summary: string;
  readonly noData?: 'OK' | 'Alerting' | 'NoData';
}

function rule(spec: RuleSpec): Rule {
  return new RuleBuilder(spec.title)
    .uid(spec.uid)
    .folderUID(FOLDER_UID)
    .ruleGroup(RULE_GROUP)
    .condition('C')
    .withQuery(new QueryBuilder('A').datasourceUid(spec.datasourceUid).relativeTimeRange({ from: 600, to: 0 }).model(spec.query))
    .withQuery(new QueryBuilder('B').datasourceUid(EXPRESSION_UID)
      .model(new TypeReduceBuilder().refId('B').expression('A').reducer('last')))
    .withQuery(new QueryBuilder('C').datasourceUid(EXPRESSION_UID)
      .model(new TypeThresholdBuilder().refId('C').expression('B').conditions([{ evaluator: { type: 'gt', params: [spec.above] } }])))
    .forDuration(spec.forDuration)
    .noDataState(spec.noData ?? 'OK')
    .execErrState('Error')
    .labels({ team: 'supervision', severity: spec.severity })
    .annotations({ summary: spec.summary })
    .build();
}

const promInstant = (expr: string) => new PromQuery().expr(expr).refId('A').instant().datasource(PROMETHEUS);

export function alertRules(): Rule[] {
  return [
    rule({
      uid: 'cheguan-alerts-breached', title: '告警超期未处置', datasourceUid: PROMETHEUS.uid!, query: promInstant('sum(cheguan_open_alerts{sla="BREACHED"})'),
      above: 0, forDuration: '10m', severity: 'critical', summary: '有告警超过 SLA 仍未关闭，请在告警工作台处置',
    }),
    rule({
      uid: 'cheguan-instance-down', title: '平台进程无法抓取', datasourceUid: PROMETHEUS.uid!, query: promInstant('count(up{job=~"cheguan.*"} == 0) or vector(0)'),
      above: 0, forDuration: '2m', severity: 'critical', summary: 'Prometheus 抓取不到某个平台进程（api / worker / scheduler）',
    }),
    rule({
      uid: 'cheguan-api-slow', title: '接口延迟过高', datasourceUid: PROMETHEUS.uid!,
      query: promInstant('histogram_quantile(0.95, sum by (le) (rate(cheguan_http_request_duration_seconds_bucket{route!="(unmatched)"}[5m])))'),
      above: 1, forDuration: '10m', severity: 'warning', summary: '接口 P95 延迟超过 1 秒',
    }),
    rule({
      uid: 'cheguan-queue-backlog', title: '作业队列积压', datasourceUid: PROMETHEUS.uid!, query: promInstant('max(cheguan_queue_jobs{state="waiting"})'),
      above: 1000, forDuration: '15m', severity: 'warning', summary: '某个队列等待中的作业超过 1000（照片检查或中介重算跟不上）',
    }),
    rule({
      uid: 'cheguan-photo-review-overdue', title: '照片复核超期', datasourceUid: POSTGRES.uid!,
      query: sql('SELECT count(*) AS overdue FROM supervision.photo_queue WHERE overdue'),
      above: 0, forDuration: '30m', severity: 'warning', summary: '有待人工复核的照片超过复核时限',
    }),
  ];
}

/** The file-provisioning shape: rules grouped, folder and group named once for the group. */
export function alertRulesProvisioning(): Record<string, unknown> {
  return {
    apiVersion: 1,
    groups: [{
      orgId: 1,
      name: RULE_GROUP,
      folder: FOLDER_TITLE,
      interval: '1m',
      rules: alertRules().map((r) => ({
        uid: r.uid, title: r.title, condition: r.condition, data: r.data, noDataState: r.noDataState,
        execErrState: r.execErrState, for: r.for, labels: r.labels, annotations: r.annotations, isPaused: false,
      })),
    }],
  };
}
