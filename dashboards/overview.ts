/** 总览: volume, alerts by severity, open and overdue reviews, photo automation, time to decision. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions, type Item } from './lib/dashboard.ts';
import { pie, stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';
import { businessTypeVariable, dimensions, stationVariable } from './lib/variables.ts';

export const OVERVIEW_UID = 'cheguan-overview';

/** The six figures across the top. */
function headlineStats(): Item[] {
  return [
    stat('业务量', sql(`
      SELECT count(*) AS "业务量"
      FROM supervision.transactions
      WHERE $__timeFilter(accepted_at) AND ${dimensions()}`), { description: '所选时间内受理的业务（当前版本）' }),
    stat('告警', sql(`
      SELECT count(*) AS "告警"
      FROM supervision.alerts
      WHERE $__timeFilter(created_at) AND ${dimensions()}`), { description: '所选时间内产生的告警' }),
    stat('待处置告警', sql(`
      SELECT count(*) AS "待处置"
      FROM supervision.open_alerts
      WHERE ${dimensions()}`), { description: '尚未关闭的告警（不随时间范围变化）', link: { title: '告警工作台', url: '${workbench}/alerts' } }),
    stat('已超期', sql(`
      SELECT count(*) AS "已超期"
      FROM supervision.open_alerts
      WHERE sla_state = 'BREACHED' AND ${dimensions()}`), { redFrom: 1, description: '超过 SLA（双人审核 24 小时，其余 72 小时）仍未关闭', link: { title: '超期告警', url: '${workbench}/alerts?sla=BREACHED' } }),
    stat('照片自动审核率', sql(`
      SELECT 100.0 * count(*) FILTER (WHERE auto_verdict <> 'REVIEW') / NULLIF(count(*), 0) AS "自动审核率"
      FROM supervision.photo_checks
      WHERE $__timeFilter(checked_at) AND ${dimensions()}`), { unit: 'percent', decimals: 1, description: '模型直接给出通过/不通过、无需人工复核的照片占比', link: { title: '照片复核队列', url: '${workbench}/photos' } }),
    stat('处置时长（中位数）', sql(`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_decision) AS "处置时长"
      FROM supervision.alerts
      WHERE closed_at IS NOT NULL AND $__timeFilter(closed_at) AND ${dimensions()}`), { unit: 'h', decimals: 1, description: '告警从产生到关闭的小时数（所选时间内关闭的告警）' }),
  ];
}

/** Volume, alerts, SLA state and time to decision over time. */
function trends(): Item[] {
  return [
    { row: '趋势' },
    timeseries('每日业务量', [sql(`
      SELECT supervision.local_day(accepted_at) AS time, count(*) AS "业务量"
      FROM supervision.transactions
      WHERE $__timeFilter(accepted_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`).timeSeries()], { bars: true, description: '按受理日（北京时间）' }),
    timeseries('每日告警（按级别）', [sql(`
      SELECT supervision.local_day(created_at) AS time, severity AS metric, count(*) AS value
      FROM supervision.alerts
      WHERE $__timeFilter(created_at) AND ${dimensions()}
      GROUP BY 1, 2 ORDER BY 1`).timeSeries()], { bars: true, stacked: true }),
    pie('待处置告警 SLA 状态', sql(`
      SELECT CASE sla_state WHEN 'BREACHED' THEN '已超期' WHEN 'NEAR_BREACH' THEN '临近超期' ELSE '正常' END AS "SLA",
             count(*) AS "告警"
      FROM supervision.open_alerts
      WHERE ${dimensions()}
      GROUP BY 1 ORDER BY 1`), { width: 8 }),
    timeseries('处置时长（每日中位数与 P90）', [sql(`
      SELECT supervision.local_day(closed_at) AS time,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_decision) AS "中位数",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY hours_to_decision) AS "P90"
      FROM supervision.alerts
      WHERE closed_at IS NOT NULL AND $__timeFilter(closed_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`).timeSeries()], { unit: 'h', width: 16 }),
  ];
}

/** What a supervisor should open now. */
function attention(): Item[] {
  return [
    { row: '需要关注' },
    table('超期与临近超期告警', sql(`
      SELECT a.alert_id, a.severity, bt.name AS business_name, s.name AS station_name, a.sla_state, a.sla_due_at,
             round((EXTRACT(EPOCH FROM (now() - a.sla_due_at)) / 3600.0)::numeric, 1) AS hours_overdue
      FROM supervision.open_alerts a
      LEFT JOIN supervision.business_type bt ON bt.code = a.business_type
      LEFT JOIN supervision.station s ON s.code = a.station_code
      WHERE a.sla_state <> 'ON_TIME' AND ${dimensions('a.')}
      ORDER BY a.sla_due_at
      LIMIT 50`), {
      alert_id: '告警', severity: '级别', business_name: '业务', station_name: '站点', sla_state: 'SLA', sla_due_at: '处置期限', hours_overdue: '超期（小时）',
    }, { width: 24, links: { alert_id: { title: '打开告警', url: '${workbench}/alerts/${__value.raw}' } }, units: { sla_due_at: 'dateTimeAsLocal' } }),
  ];
}

export function buildOverview(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: OVERVIEW_UID,
    title: '车驾管监管中心 · 总览',
    description: '业务量、告警、待处置与超期复核、照片自动审核率、处置时长',
    variables: [stationVariable(), businessTypeVariable()],
    workbenchPath: '/alerts',
    workbenchTitle: '告警工作台',
  }, [
    ...headlineStats(),
    ...trends(),
    ...attention(),
  ], options);
}
