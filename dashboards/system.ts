/** 系统: API latency, ingestion and scoring, queue depth, worker health, errors (Prometheus, /metrics). */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions } from './lib/dashboard.ts';
import { prom, stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';

export const SYSTEM_UID = 'cheguan-system';

/** Prometheus job names of the scrape config (provisioning/prometheus/prometheus.yml). */
const JOBS = 'job=~"cheguan.*"';
const HTTP = 'cheguan_http_request_duration_seconds';

export function buildSystem(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: SYSTEM_UID,
    title: '车驾管监管中心 · 系统',
    description: '接口延迟、入库与评分、队列积压、进程健康与错误（Prometheus 抓取 /metrics）',
    variables: [],
    from: 'now-6h',
    workbenchPath: '/audit',
    workbenchTitle: '审计日志',
  }, [
    stat('在线实例', prom(`sum(up{${JOBS}})`, '在线'), { description: 'Prometheus 能抓取到的平台进程数' }),
    stat('入库速率', prom('sum(rate(cheguan_transactions_ingested_total[5m]))', '笔/秒'), { unit: 'reqps', decimals: 1 }),
    stat('接口 P95', prom(`histogram_quantile(0.95, sum by (le) (rate(${HTTP}_bucket{route!="(unmatched)"}[5m])))`, 'P95'), { unit: 's', decimals: 3 }),
    stat('5xx 比例', prom(`100 * sum(rate(${HTTP}_count{status=~"5.."}[5m])) / clamp_min(sum(rate(${HTTP}_count[5m])), 1e-9)`, '5xx'), { unit: 'percent', redFrom: 1, decimals: 2 }),
    stat('超期告警', prom('sum(cheguan_open_alerts{sla="BREACHED"})', '超期'), { redFrom: 1, link: { title: '超期告警', url: '${workbench}/alerts?sla=BREACHED' } }),
    stat('指标源故障', prom('count(cheguan_scrape_source_up == 0) or vector(0)', '故障'), { redFrom: 1, description: '抓取时数据库或队列没有应答' }),
    { row: '接口' },
    timeseries('接口延迟 P95（按路由）', [prom(`histogram_quantile(0.95, sum by (le, route) (rate(${HTTP}_bucket{route!="(unmatched)"}[$__rate_interval])))`, '{{route}}')], { unit: 's' }),
    timeseries('请求速率（按状态码）', [prom(`sum by (status) (rate(${HTTP}_count[$__rate_interval]))`, '{{status}}')], { unit: 'reqps', stacked: true }),
    { row: '入库与评分' },
    timeseries('入库速率', [prom('sum by (outcome) (rate(cheguan_transactions_ingested_total[$__rate_interval]))', '{{outcome}}')], { unit: 'reqps', width: 8 }),
    timeseries('评分耗时 P95（每批）', [prom('histogram_quantile(0.95, sum by (le, trigger) (rate(cheguan_scoring_duration_seconds_bucket[$__rate_interval])))', '{{trigger}}')], { unit: 's', width: 8 }),
    timeseries('评分耗时（每笔平均）', [prom('sum by (trigger) (rate(cheguan_scoring_duration_seconds_sum[$__rate_interval])) / sum by (trigger) (rate(cheguan_scored_transactions_total[$__rate_interval]))', '{{trigger}}')], { unit: 's', width: 8 }),
    { row: '队列与进程' },
    timeseries('队列积压', [prom('max by (queue, state) (cheguan_queue_jobs{state=~"waiting|active|delayed"})', '{{queue}} {{state}}')], { width: 8 }),
    timeseries('失败作业', [prom('max by (queue) (cheguan_queue_jobs{state="failed"})', '{{queue}}')], { width: 8 }),
    timeseries('待处置告警（按级别与 SLA）', [prom('sum by (severity, sla) (cheguan_open_alerts)', '{{severity}} {{sla}}')], { width: 8, stacked: true }),
    timeseries('进程内存', [prom(`process_resident_memory_bytes{${JOBS}}`, '{{job}} {{instance}}')], { unit: 'bytes', width: 8 }),
    timeseries('事件循环延迟 P99', [prom(`nodejs_eventloop_lag_p99_seconds{${JOBS}}`, '{{job}} {{instance}}')], { unit: 's', width: 8 }),
    timeseries('CPU', [prom(`rate(process_cpu_seconds_total{${JOBS}}[$__rate_interval])`, '{{job}} {{instance}}')], { unit: 'percentunit', width: 8 }),
    table('内嵌队列作业（数据库队列）', sql(`
      SELECT queue, state, count(*) AS jobs, count(*) FILTER (WHERE has_error) AS with_error,
             min(run_at) FILTER (WHERE state = 'waiting') AS oldest_waiting
      FROM supervision.jobs
      WHERE finished_at IS NULL OR $__timeFilter(finished_at)
      GROUP BY queue, state
      ORDER BY queue, state`), {
      queue: '队列', state: '状态', jobs: '作业', with_error: '有错误', oldest_waiting: '最早等待',
    }, { width: 24, height: 7, units: { oldest_waiting: 'dateTimeAsLocal' }, description: '仅嵌入式部署（数据库队列）；使用 Redis 时见上方队列积压' }),
  ], options);
}
