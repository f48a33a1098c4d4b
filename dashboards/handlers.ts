/** 经办人: volume, off-hours work (R02), permission breaches (R01) and the handler risk points R01–R08. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions, type Item } from './lib/dashboard.ts';
import { bars, stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';
import { businessTypeVariable, dimensions, stationVariable } from './lib/variables.ts';

export const HANDLERS_UID = 'cheguan-handlers';

const investigate = { title: '在调查工作台查询', url: '${workbench}/investigate?q=${__value.raw}' };

/** Staffing and the two handler breaches at a glance, then by day. */
function headline(): Item[] {
  return [
    // Distinct counts as a GROUP BY first: PostgreSQL hashes a GROUP BY but sorts for count(DISTINCT).
    stat('在岗经办人', sql(`
      SELECT count(*) AS "经办人"
      FROM (SELECT handler_id FROM supervision.transactions
            WHERE $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY handler_id) AS active`), { width: 6 }),
    stat('人均业务量', sql(`
      SELECT sum(n)::numeric / NULLIF(count(*), 0) AS "人均"
      FROM (SELECT handler_id, count(*) AS n FROM supervision.transactions
            WHERE $__timeFilter(accepted_at) AND ${dimensions()} GROUP BY handler_id) AS active`), { width: 6, decimals: 1 }),
    stat('非工作时间受理', sql(`
      SELECT count(*) AS "R02"
      FROM supervision.risk_hits
      WHERE risk_point = 'R02' AND outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}`), { width: 6, description: 'R02：站点营业时间之外受理（网上业务除外）', link: { title: '相关告警', url: '${workbench}/alerts?riskPoint=R02' } }),
    stat('越权办理', sql(`
      SELECT count(*) AS "R01"
      FROM supervision.risk_hits
      WHERE risk_point = 'R01' AND outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}`), { width: 6, redFrom: 1, description: 'R01：经办人未知或停用、无该业务权限或不属于该站点', link: { title: '相关告警', url: '${workbench}/alerts?riskPoint=R01' } }),
    timeseries('每日业务量与在岗经办人', [sql(`
      SELECT day AS time, sum(n) AS "业务量", count(*) AS "经办人"
      FROM (SELECT supervision.local_day(accepted_at) AS day, handler_id, count(*) AS n
            FROM supervision.transactions
            WHERE $__timeFilter(accepted_at) AND ${dimensions()}
            GROUP BY 1, 2) AS daily
      GROUP BY 1 ORDER BY 1`).timeSeries()]),
    timeseries('每日非工作时间受理与越权办理', [sql(`
      SELECT supervision.local_day(accepted_at) AS time,
             count(*) FILTER (WHERE risk_point = 'R02') AS "非工作时间",
             count(*) FILTER (WHERE risk_point = 'R01') AS "越权"
      FROM supervision.risk_hits
      WHERE risk_point IN ('R01', 'R02') AND outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`).timeSeries()], { bars: true }),
  ];
}

/** Who handles most, who works off hours, who oversteps their permissions. */
function rankings(): Item[] {
  return [
    { row: '经办人排行' },
    table('经办量排行', sql(`
      WITH daily AS (
        SELECT handler_id, supervision.local_day(accepted_at) AS day, count(*) AS n
        FROM supervision.transactions
        WHERE $__timeFilter(accepted_at) AND ${dimensions()}
        GROUP BY 1, 2
      ), volume AS (
        SELECT handler_id, sum(n) AS transactions, count(*) AS days FROM daily GROUP BY handler_id
      ), flagged AS (
        SELECT handler_id, count(*) FILTER (WHERE risk_point = 'R02') AS off_hours,
               count(*) FILTER (WHERE risk_point = 'R01') AS breaches
        FROM supervision.risk_hits
        WHERE risk_point IN ('R01', 'R02') AND outcome = 'hit' AND $__timeFilter(accepted_at) AND ${dimensions()}
        GROUP BY handler_id
      )
      SELECT v.handler_id, h.name AS handler_name, v.transactions, round(v.transactions::numeric / v.days, 1) AS per_day,
             COALESCE(f.off_hours, 0) AS off_hours, COALESCE(f.breaches, 0) AS breaches
      FROM volume v
      LEFT JOIN flagged f ON f.handler_id = v.handler_id
      LEFT JOIN supervision.handler h ON h.handler_id = v.handler_id
      ORDER BY v.transactions DESC
      LIMIT 30`), {
      handler_id: '经办人编号', handler_name: '经办人', transactions: '业务量', per_day: '日均', off_hours: '非工作时间', breaches: '越权',
    }, { links: { handler_id: investigate } }),
    table('非工作时间受理排行', sql(`
      SELECT r.handler_id, h.name AS handler_name, count(*) AS off_hours,
             min(r.accepted_at) AS first_at, max(r.accepted_at) AS last_at
      FROM supervision.risk_hits r
      LEFT JOIN supervision.handler h ON h.handler_id = r.handler_id
      WHERE r.risk_point = 'R02' AND r.outcome = 'hit' AND $__timeFilter(r.accepted_at) AND ${dimensions('r.')}
      GROUP BY r.handler_id, h.name
      ORDER BY off_hours DESC
      LIMIT 30`), {
      handler_id: '经办人编号', handler_name: '经办人', off_hours: '非工作时间受理', first_at: '最早', last_at: '最近',
    }, { links: { handler_id: investigate }, units: { first_at: 'dateTimeAsLocal', last_at: 'dateTimeAsLocal' } }),
    table('越权办理', sql(`
      SELECT r.handler_id, h.name AS handler_name, count(*) AS breaches,
             string_agg(DISTINCT bt.name, '、') AS business_names, string_agg(DISTINCT r.station_code, ' ') AS stations
      FROM supervision.risk_hits r
      LEFT JOIN supervision.handler h ON h.handler_id = r.handler_id
      LEFT JOIN supervision.business_type bt ON bt.code = r.business_type
      WHERE r.risk_point = 'R01' AND r.outcome = 'hit' AND $__timeFilter(r.accepted_at) AND ${dimensions('r.')}
      GROUP BY r.handler_id, h.name
      ORDER BY breaches DESC
      LIMIT 30`), {
      handler_id: '经办人编号', handler_name: '经办人', breaches: '越权次数', business_names: '业务', stations: '站点',
    }, { links: { handler_id: investigate } }),
    bars('经办人类风险点（R01–R08）', sql(`
      SELECT rp.code || ' ' || rp.name AS "风险点", count(*) AS "命中"
      FROM supervision.risk_hits r
      JOIN supervision.risk_point rp ON rp.code = r.risk_point
      WHERE rp.category = 'HANDLER' AND r.outcome = 'hit' AND $__timeFilter(r.accepted_at) AND ${dimensions('r.')}
      GROUP BY 1 ORDER BY 2 DESC`), '风险点', { height: 9 }),
  ];
}

export function buildHandlers(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: HANDLERS_UID,
    title: '车驾管监管中心 · 经办人',
    description: '经办人的业务量、非工作时间受理（R02）、越权办理（R01）与经办人类风险点',
    variables: [stationVariable(), businessTypeVariable()],
    workbenchPath: '/investigate/handlers',
    workbenchTitle: '经办人调查',
  }, [
    ...headline(),
    ...rankings(),
  ], options);
}
