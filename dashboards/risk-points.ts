/** 风险点: hits per point, per station, per handler, over time (current assessments only). */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions, type Item } from './lib/dashboard.ts';
import { bars, stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';
import { bucketVariable, businessTypeVariable, dimensions, stationVariable } from './lib/variables.ts';

export const RISK_POINTS_UID = 'cheguan-risk-points';

/** Totals, then each risk point with its hits, stations and handlers. */
function byPoint(): Item[] {
  return [
    stat('命中次数', sql(`
      SELECT count(*) AS "命中"
      FROM supervision.risk_hits
      WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}`), { width: 8 }),
    stat('命中业务占比', sql(`
      SELECT 100.0 * (SELECT count(*) FROM (SELECT transaction_id FROM supervision.risk_hits
                                            WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}
                                            GROUP BY transaction_id) AS hit)
             / NULLIF((SELECT count(*) FROM supervision.transactions WHERE $__timeFilter(accepted_at) AND ${dimensions()}), 0) AS "占比"`),
    { unit: 'percent', decimals: 1, width: 8, description: '至少命中一个风险点的业务占受理业务的比例' }),
    stat('规则执行出错', sql(`
      SELECT count(*) AS "出错"
      FROM supervision.risk_hits
      WHERE outcome = 'error' AND $__timeFilter(accepted_at) AND ${dimensions()}`), { redFrom: 1, width: 8, description: '风险点执行出错的次数（出错的业务会被告警，需人工复核）' }),
    bars('各风险点命中次数', sql(`
      SELECT rp.code || ' ' || rp.name AS "风险点", count(*) AS "命中"
      FROM supervision.risk_hits h
      JOIN supervision.risk_point rp ON rp.code = h.risk_point
      WHERE h.outcome = 'hit' AND $__timeFilter(h.accepted_at) AND ${dimensions('h.')}
      GROUP BY 1 ORDER BY 2 DESC`), '风险点', { width: 12, height: 16 }),
    // Distinct counts from GROUP BYs (hashed) rather than count(DISTINCT …) (sorted): a year of hits stays fast.
    table('风险点明细', sql(`
      WITH by_station AS (
        SELECT risk_point, station_code, count(*) AS n FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), by_handler AS (
        SELECT risk_point, handler_id FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), points AS (SELECT risk_point, sum(n) AS hits, count(*) AS stations FROM by_station GROUP BY 1),
      handlers AS (SELECT risk_point, count(*) AS handlers FROM by_handler GROUP BY 1)
      SELECT rp.code AS risk_point, rp.name, rp.category_name, rp.weight, p.hits, p.stations, h.handlers
      FROM points p
      JOIN handlers h ON h.risk_point = p.risk_point
      JOIN supervision.risk_point rp ON rp.code = p.risk_point
      ORDER BY p.hits DESC`), {
      risk_point: '编号', name: '风险点', category_name: '类别', weight: '权重', hits: '命中', stations: '站点数', handlers: '经办人数',
    }, { height: 16, links: { risk_point: { title: '查看该风险点的告警', url: '${workbench}/alerts?riskPoint=${__value.raw}' } } }),
  ];
}

/** Hits per category over time. */
function trend(): Item[] {
  return [
    { row: '趋势' },
    timeseries('命中趋势（按类别）', [sql(`
      SELECT supervision.local_bucket(h.accepted_at, '$bucket') AS time, rp.category_name AS metric, count(*) AS value
      FROM supervision.risk_hits h
      JOIN supervision.risk_point rp ON rp.code = h.risk_point
      WHERE h.outcome = 'hit' AND $__timeFilter(h.accepted_at) AND ${dimensions('h.')}
      GROUP BY 1, 2 ORDER BY 1`).timeSeries()], { width: 24, stacked: true, bars: true, description: '时间粒度见上方"时间粒度"变量（北京时间：日从零点、周从周一起算）' }),
  ];
}

/** Where and by whom: stations and handlers with the most hits. */
function distribution(): Item[] {
  return [
    { row: '分布' },
    table('各站点命中', sql(`
      WITH by_transaction AS (
        SELECT station_code, transaction_id, count(*) AS n FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), by_point AS (
        SELECT station_code, risk_point FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), stations AS (SELECT station_code, sum(n) AS hits, count(*) AS transactions FROM by_transaction GROUP BY 1),
      points AS (SELECT station_code, count(*) AS points FROM by_point GROUP BY 1)
      SELECT st.station_code, s.name AS station_name, st.hits, st.transactions, p.points
      FROM stations st
      JOIN points p ON p.station_code = st.station_code
      LEFT JOIN supervision.station s ON s.code = st.station_code
      ORDER BY st.hits DESC
      LIMIT 30`), {
      station_code: '站点代码', station_name: '站点', hits: '命中', transactions: '命中业务', points: '风险点数',
    }, { links: { station_code: { title: '该站点的告警', url: '${workbench}/alerts?station=${__value.raw}' } } }),
    table('各经办人命中', sql(`
      WITH by_transaction AS (
        SELECT handler_id, transaction_id, count(*) AS n FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), by_point AS (
        SELECT handler_id, risk_point FROM supervision.risk_hits
        WHERE outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY 1, 2
      ), top AS (
        SELECT handler_id, sum(n) AS hits, count(*) AS transactions FROM by_transaction
        GROUP BY 1 ORDER BY hits DESC LIMIT 30
      )
      SELECT t.handler_id, hd.name AS handler_name, t.hits, t.transactions,
             string_agg(p.risk_point, ' ' ORDER BY p.risk_point) AS points
      FROM top t
      JOIN by_point p ON p.handler_id = t.handler_id
      LEFT JOIN supervision.handler hd ON hd.handler_id = t.handler_id
      GROUP BY t.handler_id, hd.name, t.hits, t.transactions
      ORDER BY t.hits DESC`), {
      handler_id: '经办人编号', handler_name: '经办人', hits: '命中', transactions: '命中业务', points: '风险点',
    }, { links: { handler_id: { title: '在调查工作台查询', url: '${workbench}/investigate?q=${__value.raw}' } } }),
  ];
}

export function buildRiskPoints(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: RISK_POINTS_UID,
    title: '车驾管监管中心 · 风险点',
    description: '41 个业务风险点的命中：按风险点、站点、经办人和时间（每笔业务以其当前评估为准）',
    variables: [stationVariable(), businessTypeVariable(), bucketVariable()],
    workbenchPath: '/alerts',
    workbenchTitle: '告警工作台',
  }, [
    ...byPoint(),
    ...trend(),
    ...distribution(),
  ], options);
}
